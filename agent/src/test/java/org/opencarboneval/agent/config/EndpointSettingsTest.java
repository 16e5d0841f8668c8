package org.opencarboneval.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.exporter.ExporterOptions;

class EndpointSettingsTest {

    @TempDir
    Path dir;

    @Test
    void localOnlyOnTheStandardPortByDefault() throws SettingsException {
        AgentSettings settings = parse("");

        assertTrue(settings.metrics());
        assertEquals(ExporterOptions.plain("127.0.0.1", 9464), EndpointSettings.options(settings));
    }

    @Test
    void hostPortAndOff() throws SettingsException {
        assertEquals(ExporterOptions.plain("0.0.0.0", 0), EndpointSettings.options(parse("host=0.0.0.0,port=0")));
        assertFalse(parse("metrics=false").metrics());
    }

    @Test
    void basicAuthAndTlsWithPasswordsGivenOrInFiles() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "s3cret\n");
        Path keyStorePassword = Files.writeString(dir.resolve("tls-password"), "changeit\n");

        ExporterOptions options = EndpointSettings.options(parse("auth.user=prometheus,auth.password.file=" + password
            + ",tls.keystore=/etc/oce/keystore.p12,tls.password.file=" + keyStorePassword));

        assertEquals(Optional.of(new ExporterOptions.BasicAuth("prometheus", "s3cret")), options.basicAuth());
        assertEquals(Optional.of(new ExporterOptions.Tls(Path.of("/etc/oce/keystore.p12"), "changeit")), options.tls());
        assertEquals(Optional.of(new ExporterOptions.BasicAuth("prometheus", "pw")),
            EndpointSettings.options(parse("auth.user=prometheus,auth.password=pw")).basicAuth());
    }

    @Test
    void halfAPairOrAnUnreadableFileIsOneClearProblem() {
        assertProblem("auth.user=prometheus", "auth.user needs auth.password or auth.password.file");
        assertProblem("auth.password=pw", "a password for basic auth needs auth.user");
        assertProblem("tls.keystore=/k.p12", "tls.keystore needs tls.password or tls.password.file");
        assertProblem("tls.password=pw", "a keystore password needs tls.keystore");
        assertProblem("auth.user=u,auth.password=pw,auth.password.file=/f",
            "give auth.password or auth.password.file, not both");
        Path missing = dir.resolve("missing");
        assertTrue(message("auth.user=u,auth.password.file=" + missing)
            .startsWith("auth.password.file='" + missing + "' cannot be read: "));
    }

    @Test
    void passwordsNeverReachTheLedger() throws SettingsException {
        Map<String, String> given = parse("auth.user=u,auth.password=pw,tls.keystore=/k,tls.password=pw2").given();

        assertEquals("u", given.get("auth.user"));
        assertEquals("***", given.get("auth.password"));
        assertEquals("***", given.get("tls.password"));
    }

    private void assertProblem(String arguments, String expected) {
        assertEquals(expected, message(arguments));
    }

    private static String message(String arguments) {
        return assertThrows(SettingsException.class, () -> EndpointSettings.options(parse(arguments))).getMessage();
    }

    private static AgentSettings parse(String arguments) throws SettingsException {
        return AgentSettings.parse(arguments, new SettingSources(new Properties(), Map.of()));
    }

    @Test
    void anEndpointOpenToOtherMachinesWithoutAPasswordOrTlsIsOneWarning() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "pw\n");

        assertEquals(Optional.of("warning: the metrics endpoint on 0.0.0.0 is open to other machines without a "
                + "password (set auth.user and auth.password.file, and tls.keystore, or host=127.0.0.1)"),
            warning("host=0.0.0.0"));
        assertEquals(Optional.of("warning: the metrics endpoint on 0.0.0.0 sends its basic-auth password in "
                + "clear text to other machines (set tls.keystore and tls.password.file)"),
            warning("host=0.0.0.0,auth.user=u,auth.password.file=" + password));
        assertEquals(Optional.empty(), warning("host=0.0.0.0,auth.user=u,auth.password.file=" + password
            + ",tls.keystore=/k.p12,tls.password=pw"));
        assertEquals(Optional.empty(), warning(""));
        assertEquals(Optional.empty(), warning("host=localhost"));
        assertEquals(Optional.empty(), warning("host=::1"));
        assertEquals(Optional.empty(), warning("host=127.0.0.2"));
    }

    private static Optional<String> warning(String arguments) throws SettingsException {
        return EndpointSettings.exposureWarning(EndpointSettings.options(parse(arguments)));
    }
}
