package org.opencarboneval.agent.config;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;

import org.opencarboneval.calibration.Names;

/**
 * The agent's validated settings. Each key is looked up, first match wins, in: the agent arguments
 * ({@code key=value,key=value}, a comma inside a value written {@code \,}: {@link AgentArguments}), the properties
 * file named by {@code config=}, the {@code oce.<key>} system property, the {@code OCE_<KEY>} environment variable.
 * Unknown keys in the arguments or the file, and any value of the wrong kind, are a {@link SettingsException}; unknown
 * {@code oce.*} properties are not, since the commands share that namespace. No message shows a secret's value.
 */
public final class AgentSettings {

    private static final String COMMA_HINT = "a comma inside a value is written \\, (or put the setting in a "
        + "config= file, or a password in auth.password.file / tls.password.file)";

    private final Map<SettingKey, String> values;

    private AgentSettings(Map<SettingKey, String> values) {
        this.values = values;
    }

    public static AgentSettings parse(String agentArguments, SettingSources sources) throws SettingsException {
        Map<SettingKey, String> explicit = parsePairs(agentArguments);
        Optional<String> configFile = Optional.ofNullable(explicit.get(SettingKey.CONFIG))
            .or(() -> sources.lookup(SettingKey.CONFIG.key()));
        Map<SettingKey, String> file = configFile.isPresent() ? readFile(Path.of(configFile.get().strip())) : Map.of();
        Map<SettingKey, String> values = new LinkedHashMap<>();
        for (SettingKey key : SettingKey.values()) {
            Optional<String> value = Optional.ofNullable(explicit.get(key))
                .or(() -> Optional.ofNullable(file.get(key)))
                .or(() -> sources.lookup(key.key()));
            if (value.isPresent()) {
                values.put(key, check(key, value.get().strip()));
            }
        }
        return new AgentSettings(Collections.unmodifiableMap(values));
    }

    /**
     * Identifies an agent argument string without revealing it (it may hold a password): the running agent publishes
     * it, so that {@code attach} can tell a repeated attach from one asking for other settings.
     */
    public static String fingerprint(String arguments) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((arguments == null ? "" : arguments).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Map<SettingKey, String> parsePairs(String arguments) throws SettingsException {
        Map<SettingKey, String> pairs = new LinkedHashMap<>();
        if (arguments == null || arguments.isBlank()) {
            return pairs;
        }
        SettingKey previous = null;
        for (AgentArguments.Piece piece : AgentArguments.split(arguments)) {
            String pair = piece.text();
            int equals = pair.indexOf('=');
            String name = equals < 0 ? "" : pair.substring(0, equals).strip();
            boolean afterSecret = previous != null && previous.secret();
            if (afterSecret && (equals < 0 || SettingKey.named(name).isEmpty())) {
                // Most likely the rest of a password with a comma in it: never shown.
                throw new SettingsException("agent argument " + piece.position() + ", after " + previous.key()
                    + ", is not a setting=value (its text is not shown: it may be part of the secret); " + COMMA_HINT);
            }
            if (pair.isBlank()) {
                throw new SettingsException("agent argument " + piece.position() + " is empty (two commas in a row, "
                    + "or one at the end); expected key=value,key=value, e.g. ledger=run.jsonl,interval=1");
            }
            if (equals < 0) {
                throw new SettingsException("agent argument '" + pair.strip() + "' is not key=value; expected e.g. "
                    + "ledger=run.jsonl,interval=1; " + COMMA_HINT);
            }
            if (name.isEmpty()) {
                throw new SettingsException("agent argument " + piece.position() + " has no key before its '='; "
                    + "expected key=value, e.g. interval=1");
            }
            SettingKey key = known(name);
            if (pairs.containsKey(key)) {
                throw new SettingsException(key.key() + " is given twice in the agent arguments; give it once");
            }
            pairs.put(key, pair.substring(equals + 1));
            previous = key;
        }
        return pairs;
    }

    private static Map<SettingKey, String> readFile(Path path) throws SettingsException {
        Properties properties = SettingFile.read("config", path.toString(), () -> {
            Properties read = new Properties();
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                read.load(reader);
            }
            return read;
        }, e -> "config='" + path + "' cannot be read: " + e.getMessage()); // a malformed unicode escape among them
        Map<SettingKey, String> values = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(known(name), properties.getProperty(name));
        }
        return values;
    }

    private static SettingKey known(String name) throws SettingsException {
        Optional<SettingKey> key = SettingKey.named(name);
        if (key.isEmpty()) {
            throw new SettingsException("unknown setting '" + name + "'; did you mean "
                + Names.closest(name, SettingKey.names(), 1).get(0) + "? The settings are "
                + String.join(", ", SettingKey.names()));
        }
        return key.get();
    }

    private static String check(SettingKey key, String value) throws SettingsException {
        if (!key.kind().accepts(value)) {
            throw new SettingsException("bad setting " + key.key() + "='" + (key.secret() ? "***" : value)
                + "': expected " + key.kind().accepted());
        }
        return value;
    }

    /** The settings given, by key, for the ledger's start record; passwords show as {@code ***}. */
    public Map<String, String> given() {
        Map<String, String> given = new LinkedHashMap<>();
        values.forEach((key, value) -> given.put(key.key(), key.secret() ? "***" : value));
        return given;
    }

    public Optional<String> text(SettingKey key) {
        return Optional.ofNullable(values.get(key));
    }

    public Optional<String> runId() {
        return text(SettingKey.RUN_ID);
    }

    public Optional<Path> ledger() {
        return text(SettingKey.LEDGER).map(Path::of);
    }

    public Duration ledgerFlush() {
        return seconds(SettingKey.LEDGER_FLUSH, 5);
    }

    /** Seconds between the ledger's sample records, zero for every sample; empty (the default) for auto. */
    public Optional<Duration> ledgerInterval() {
        return text(SettingKey.LEDGER_INTERVAL).filter(v -> !v.equalsIgnoreCase(SettingKey.ValueKind.AUTO))
            .map(v -> seconds(SettingKey.LEDGER_INTERVAL, 0));
    }

    public Duration interval() {
        return seconds(SettingKey.INTERVAL, 1);
    }

    public boolean console() {
        return text(SettingKey.CONSOLE).map(Boolean::parseBoolean).orElse(true);
    }

    public Duration consoleInterval() {
        return seconds(SettingKey.CONSOLE_INTERVAL, 5);
    }

    public Optional<String> region() {
        return text(SettingKey.REGION);
    }

    public OptionalDouble ci() {
        return number(SettingKey.CI);
    }

    public OptionalDouble pue() {
        return number(SettingKey.PUE);
    }

    public OptionalInt port() {
        return text(SettingKey.PORT).map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty());
    }

    public boolean metrics() {
        return text(SettingKey.METRICS).map(Boolean::parseBoolean).orElse(true);
    }

    /**
     * Local only by default, unlike the JMX exporter's all interfaces: the endpoint and its status page describe the
     * run (hardware, region, progress) to anyone who can connect, and have no password unless one is set. A
     * Prometheus on another machine needs {@code host=0.0.0.0}, best with {@code auth.*} and {@code tls.*}.
     */
    public String host() {
        return text(SettingKey.HOST).orElse("127.0.0.1");
    }

    public OptionalLong totalSteps() {
        return text(SettingKey.TOTAL_STEPS).map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }

    public OptionalLong totalEpochs() {
        return text(SettingKey.TOTAL_EPOCHS).map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }

    public OptionalDouble totalFlops() {
        return number(SettingKey.TOTAL_FLOPS);
    }

    public Optional<StepMethod> stepMethod() {
        return text(SettingKey.STEP_METHOD).map(StepMethod::parse);
    }

    public Optional<String> nvmlLibrary() {
        return text(SettingKey.NVML_LIBRARY);
    }

    public Optional<String> hardware() {
        return text(SettingKey.HARDWARE);
    }

    public Duration otlpInterval() {
        return seconds(SettingKey.OTLP_INTERVAL, 60);
    }

    /** Where the grid intensity comes from over time (default: the table). */
    public IntensityChoice intensity() {
        return text(SettingKey.INTENSITY).flatMap(IntensityChoice::named).orElse(IntensityChoice.TABLE);
    }

    public Duration intensityRefresh() {
        return seconds(SettingKey.INTENSITY_REFRESH, 300);
    }

    /** Where the provider's answers are shared (default: the JVM's temporary directory, this machine's). */
    public Path intensityShare() {
        return Path.of(text(SettingKey.INTENSITY_SHARE).orElseGet(() -> System.getProperty("java.io.tmpdir")));
    }

    /** The CO2e budget in grams. */
    public OptionalDouble budgetGrams() {
        return text(SettingKey.BUDGET_CO2E).map(Quantities::grams).orElse(OptionalDouble.empty());
    }

    /** The energy budget in joules. */
    public OptionalDouble budgetJoules() {
        return text(SettingKey.BUDGET_ENERGY).map(Quantities::joules).orElse(OptionalDouble.empty());
    }

    private Duration seconds(SettingKey key, double fallback) {
        double seconds = number(key).orElse(fallback);
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private OptionalDouble number(SettingKey key) {
        return text(key).map(v -> OptionalDouble.of(Double.parseDouble(v))).orElse(OptionalDouble.empty());
    }
}
