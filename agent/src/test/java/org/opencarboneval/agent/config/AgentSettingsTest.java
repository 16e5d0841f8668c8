package org.opencarboneval.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencarboneval.agent.MeasuredCalibration;
import org.opencarboneval.calibration.Calibration;

class AgentSettingsTest {

    private static final SettingSources NONE = new SettingSources(new Properties(), Map.of());

    @Test
    void readsTypedValuesFromTheArguments() throws SettingsException {
        AgentSettings settings = AgentSettings.parse(
            "run.id=exp-7,ledger=/tmp/run.jsonl,interval=0.5,console=false,port=9464,total.steps=5000,"
                + "step.method=com.acme.Trainer#trainStep,ci=0.409,pue=1.1,ledger.interval=0", NONE);

        assertEquals(Optional.of("exp-7"), settings.runId(), "run.id is an alias of run_id");
        assertEquals(Optional.of(Path.of("/tmp/run.jsonl")), settings.ledger());
        assertEquals(Duration.ofMillis(500), settings.interval());
        assertFalse(settings.console());
        assertEquals(9464, settings.port().getAsInt());
        assertEquals(5000, settings.totalSteps().getAsLong());
        assertEquals(new StepMethod("com.acme.Trainer", "trainStep"), settings.stepMethod().get());
        assertEquals(0.409, settings.ci().getAsDouble());
        assertEquals(1.1, settings.pue().getAsDouble());
        assertEquals(Optional.of(Duration.ZERO), settings.ledgerInterval(), "0 is every sample");
    }

    @Test
    void defaultsWhenNothingIsGiven() throws SettingsException {
        AgentSettings settings = AgentSettings.parse("", NONE);

        assertEquals(Duration.ofSeconds(1), settings.interval());
        assertEquals(Duration.ofSeconds(5), settings.ledgerFlush());
        assertEquals(Duration.ofSeconds(5), settings.consoleInterval());
        assertTrue(settings.console());
        assertEquals("127.0.0.1", settings.host());
        assertTrue(settings.ledger().isEmpty());
        assertTrue(settings.ledgerInterval().isEmpty(), "auto: the ledger's spacing grows with the run");
        assertEquals(Optional.empty(), AgentSettings.parse("ledger.interval=Auto", NONE).ledgerInterval());
        assertTrue(settings.port().isEmpty());
    }

    @Test
    void argumentsWinOverTheFileWhichWinsOverPropertiesWhichWinOverTheEnvironment(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("oce.properties");
        Files.writeString(file, "region=DE\ninterval=2\nconsole.interval=7\n");
        Properties properties = new Properties();
        properties.setProperty("oce.interval", "3");
        properties.setProperty("oce.console.interval", "8");
        properties.setProperty("oce.ledger.flush", "9");
        SettingSources sources = new SettingSources(properties,
            Map.of("OCE_LEDGER_FLUSH", "10", "OCE_TOTAL_EPOCHS", "4"));

        AgentSettings settings = AgentSettings.parse("config=" + file + ",interval=1.5", sources);

        assertEquals(Duration.ofMillis(1500), settings.interval());
        assertEquals(Duration.ofSeconds(7), settings.consoleInterval());
        assertEquals(Optional.of("DE"), settings.region());
        assertEquals(Duration.ofSeconds(9), settings.ledgerFlush());
        assertEquals(4, settings.totalEpochs().getAsLong());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "interval=banana; bad setting interval='banana': expected a number of seconds greater than 0",
        "interval=0; bad setting interval='0'",
        "ledger.interval=-1; bad setting ledger.interval='-1': expected auto, or a number of seconds of at least 0",
        "pue=0.9; bad setting pue='0.9': expected a number of at least 1.0",
        "port=70000; bad setting port='70000': expected a whole number from 0 to 65535",
        "console=yes; bad setting console='yes': expected true or false",
        "total.steps=1.5; bad setting total.steps='1.5': expected a whole number of at least 1",
        "step.method=com.acme.Trainer; bad setting step.method='com.acme.Trainer': expected a class and method name",
        "intervall=1; unknown setting 'intervall'; did you mean interval?",
        "ledger; agent argument 'ledger' is not key=value",
        "interval=1,,console=false; agent argument 2 is empty (two commas in a row, or one at the end)",
        "interval=1,; agent argument 2 is empty",
        "=5; agent argument 1 has no key before its '='",
        " =5,interval=1; agent argument 1 has no key before its '='",
        "interval=1,interval=2; interval is given twice in the agent arguments",
        "run_id=a,run.id=b; run_id is given twice in the agent arguments"})
    void badInputIsOneMessageNamingKeyValueAndWhatIsAccepted(String arguments, String message) {
        SettingsException e = assertThrows(SettingsException.class, () -> AgentSettings.parse(arguments, NONE));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aCalibrationFileIsReadAndABadOneIsNamed(@TempDir Path dir) throws Exception {
        Path mine = MeasuredCalibration.write(dir.resolve("mine.properties"), "a100-sxm4-80gb", 150, 300);
        Calibration read = CalibrationSetting.of(AgentSettings.parse("calibration=" + mine, NONE)).orElseThrow();
        assertEquals(150, read.measured().get("a100-sxm4-80gb").tflopsPerDevice(), 1e-9);
        assertEquals(Optional.empty(), CalibrationSetting.of(AgentSettings.parse("", NONE)), "the bundled one");

        Path broken = Files.writeString(dir.resolve("broken.properties"), "model=family\n");
        SettingsException bad = assertThrows(SettingsException.class,
            () -> CalibrationSetting.of(AgentSettings.parse("calibration=" + broken, NONE)));
        assertTrue(bad.getMessage().startsWith("calibration: ") && bad.getMessage().contains(broken.toString()),
            bad.getMessage());
        SettingsException missing = assertThrows(SettingsException.class,
            () -> CalibrationSetting.of(AgentSettings.parse("calibration=" + dir.resolve("none"), NONE)));
        assertTrue(missing.getMessage().contains("cannot read calibration"), missing.getMessage());
    }

    @Test
    void badValuesFromSystemPropertiesAreRejectedToo() {
        Properties properties = new Properties();
        properties.setProperty("oce.interval", "-1");

        SettingsException e = assertThrows(SettingsException.class,
            () -> AgentSettings.parse("", new SettingSources(properties, Map.of())));

        assertTrue(e.getMessage().contains("interval='-1'"), e.getMessage());
    }

    @Test
    void unknownKeysInTheConfigFileAreRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("oce.properties");
        Files.writeString(file, "regoin=DE\n");

        SettingsException e = assertThrows(SettingsException.class,
            () -> AgentSettings.parse("config=" + file, NONE));

        assertTrue(e.getMessage().startsWith("unknown setting 'regoin'; did you mean region?"), e.getMessage());
    }

    @Test
    void anUnreadableConfigFileIsABadSetting(@TempDir Path dir) {
        SettingsException e = assertThrows(SettingsException.class,
            () -> AgentSettings.parse("config=" + dir.resolve("missing.properties"), NONE));

        assertTrue(e.getMessage().startsWith("config='"), e.getMessage());
    }

    @Test
    void aCommaOrBackslashInAValueIsEscapedAndOtherBackslashesStay() throws SettingsException {
        AgentSettings settings = AgentSettings.parse(
            "auth.user=u,auth.password=a\\,b\\\\c,ledger=C:\\runs\\x.jsonl,region=DE", NONE);

        assertEquals(Optional.of("a,b\\c"), settings.text(SettingKey.AUTH_PASSWORD));
        assertEquals(Optional.of(Path.of("C:\\runs\\x.jsonl")), settings.ledger());
        assertEquals(Optional.of("DE"), settings.region());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "auth.password=hunter2,s3cr3tTail; agent argument 2, after auth.password, is not a setting=value",
        "tls.password=hunter2,s3cr3tTail=x; agent argument 2, after tls.password, is not a setting=value",
        "auth.password=hunter2,s3cr3tTail,interval=1; agent argument 2, after auth.password,"})
    void theRestOfAPasswordCutAtAnUnescapedCommaIsNeverShown(String arguments, String message) {
        SettingsException e = assertThrows(SettingsException.class, () -> AgentSettings.parse(arguments, NONE));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("written \\,"), "says how to write a comma: " + e.getMessage());
    }

    @Test
    void aBadSecretValueIsNotEchoed() {
        Properties properties = new Properties();
        properties.setProperty("oce.auth.password", " \t ");

        SettingsException e = assertThrows(SettingsException.class,
            () -> AgentSettings.parse("", new SettingSources(properties, Map.of())));

        assertEquals("bad setting auth.password='***': expected any non-empty text", e.getMessage());
    }

    @Test
    void aConfigFileTakesValuesWithCommasAsTheyAre(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("oce.properties");
        Files.writeString(file, "auth.user=prometheus\nauth.password=a,b\ntls.password=c\\,d\n");

        AgentSettings settings = AgentSettings.parse("config=" + file, NONE);

        assertEquals(Optional.of("a,b"), settings.text(SettingKey.AUTH_PASSWORD));
        assertEquals(Optional.of("c,d"), settings.text(SettingKey.TLS_PASSWORD), "a properties file's own escape");
    }

    @Test
    void aMalformedConfigFileIsABadSettingNotACrash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("oce.properties");
        Files.writeString(file, "region=\\u00G1\n");

        SettingsException e = assertThrows(SettingsException.class,
            () -> AgentSettings.parse("config=" + file, NONE));

        assertTrue(e.getMessage().startsWith("config='" + file + "' cannot be read: "), e.getMessage());
    }
}
