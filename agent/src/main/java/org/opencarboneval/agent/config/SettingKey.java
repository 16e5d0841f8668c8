package org.opencarboneval.agent.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Every agent setting: its name, an optional alias, and what values it accepts. */
public enum SettingKey {
    /** Names the run in the ledger and the metrics. */
    RUN_ID("run_id", "run.id", ValueKind.TEXT),
    /** Path of the JSON-lines run ledger. */
    LEDGER("ledger", null, ValueKind.TEXT),
    /** Seconds between ledger flushes (default 5). */
    LEDGER_FLUSH("ledger.flush", null, ValueKind.SECONDS),
    /** Seconds between the ledger's sample records, and one per epoch's end (default auto: growing with the run). */
    LEDGER_INTERVAL("ledger.interval", null, ValueKind.SECONDS_OR_AUTO),
    /** Seconds between samples (default 1). */
    INTERVAL("interval", null, ValueKind.SECONDS),
    /** Print progress lines to stderr (default true). */
    CONSOLE("console", null, ValueKind.BOOLEAN),
    /** Seconds between console lines (default 5). */
    CONSOLE_INTERVAL("console.interval", null, ValueKind.SECONDS),
    /** Grid region, e.g. DE. */
    REGION("region", null, ValueKind.TEXT),
    /** Grid carbon intensity in kg CO2e per kWh (default: the region's, else the world average). */
    CI("ci", null, ValueKind.NON_NEGATIVE_NUMBER),
    /** Data-centre power usage effectiveness (default: the calibration table's for the region or unknown datacenters). */
    PUE("pue", null, ValueKind.PUE),
    /** Serve the metrics endpoint and the status page (default true). */
    METRICS("metrics", null, ValueKind.BOOLEAN),
    /** Port of the metrics endpoint (default 9464; 0 picks a free port). */
    PORT("port", null, ValueKind.PORT),
    /** Address the metrics endpoint binds (default 127.0.0.1; 0.0.0.0 for a Prometheus on another machine). */
    HOST("host", null, ValueKind.TEXT),
    /** User the metrics endpoint asks for (basic auth, with auth.password or auth.password.file). */
    AUTH_USER("auth.user", null, ValueKind.TEXT),
    /** Password of auth.user; auth.password.file keeps it off the command line. */
    AUTH_PASSWORD("auth.password", null, ValueKind.SECRET),
    /** A file whose content (surrounding whitespace stripped) is the password of auth.user. */
    AUTH_PASSWORD_FILE("auth.password.file", null, ValueKind.TEXT),
    /** PKCS12 or JKS keystore with the key and certificate for HTTPS on the metrics endpoint. */
    TLS_KEYSTORE("tls.keystore", null, ValueKind.TEXT),
    /** Password of tls.keystore; tls.password.file keeps it off the command line. */
    TLS_PASSWORD("tls.password", null, ValueKind.SECRET),
    /** A file whose content (surrounding whitespace stripped) is the password of tls.keystore. */
    TLS_PASSWORD_FILE("tls.password.file", null, ValueKind.TEXT),
    /** OTLP/HTTP metrics URL to push to, e.g. http://collector:4318 (/v1/metrics is added to a bare host). */
    OTLP_ENDPOINT("otlp.endpoint", null, ValueKind.TEXT),
    /** Seconds between OTLP pushes (default 60). */
    OTLP_INTERVAL("otlp.interval", null, ValueKind.SECONDS),
    /** Headers for each OTLP push, name=value;name=value with values percent-encoded (%3B for ;, %2C for ,). */
    OTLP_HEADERS("otlp.headers", null, ValueKind.SECRET),
    /** The run's total optimizer steps. */
    TOTAL_STEPS("total.steps", null, ValueKind.POSITIVE_INTEGER),
    /** The run's total epochs. */
    TOTAL_EPOCHS("total.epochs", null, ValueKind.POSITIVE_INTEGER),
    /** The run's total floating-point operations. */
    TOTAL_FLOPS("total.flops", null, ValueKind.POSITIVE_NUMBER),
    /** A method whose every call (all overloads) is one training step. */
    STEP_METHOD("step.method", null, ValueKind.METHOD),
    /** Path of libnvidia-ml.so.1. */
    NVML_LIBRARY("nvml.library", null, ValueKind.TEXT),
    /** Accelerator name for the a-priori estimate, e.g. NVIDIA H100. */
    HARDWARE("hardware", null, ValueKind.TEXT),
    /** A calibration file from {@code calibrate --out} for the a-priori estimate (default: the bundled one). */
    CALIBRATION("calibration", null, ValueKind.TEXT),
    /** A properties file holding more of these settings. */
    CONFIG("config", null, ValueKind.TEXT),
    /** Where the grid intensity comes from over time: table (default), file, electricitymaps, watttime or uk. */
    INTENSITY("intensity", null, ValueKind.INTENSITY),
    /** CSV of time,g_per_kwh,kind rows for intensity=file. */
    INTENSITY_FILE("intensity.file", null, ValueKind.TEXT),
    /** The provider's base URL (its public one by default), for proxies and tests. */
    INTENSITY_URL("intensity.url", null, ValueKind.URL),
    /** The provider's zone or region: DE, CAISO_NORTH, a UK region id or outward postcode. */
    INTENSITY_ZONE("intensity.zone", null, ValueKind.TEXT),
    /** Electricity Maps auth-token; intensity.token.file keeps it off the command line. */
    INTENSITY_TOKEN("intensity.token", null, ValueKind.SECRET),
    /** A file whose content (surrounding whitespace stripped) is the Electricity Maps token. */
    INTENSITY_TOKEN_FILE("intensity.token.file", null, ValueKind.TEXT),
    /** WattTime user name. */
    INTENSITY_USER("intensity.user", null, ValueKind.TEXT),
    /** WattTime password; intensity.password.file keeps it off the command line. */
    INTENSITY_PASSWORD("intensity.password", null, ValueKind.SECRET),
    /** A file whose content (surrounding whitespace stripped) is the WattTime password. */
    INTENSITY_PASSWORD_FILE("intensity.password.file", null, ValueKind.TEXT),
    /** Seconds between polls of the intensity provider (default 300). */
    INTENSITY_REFRESH("intensity.refresh", null, ValueKind.SECONDS),
    /**
     * A directory through which the processes that reach it share the provider's answers (default: the JVM's
     * temporary directory, the machine's own; one that all of a job's nodes mount shares them across the job).
     */
    INTENSITY_SHARE("intensity.share", null, ValueKind.TEXT),
    /** CO2e budget of the run, e.g. 5kg: a warning when the forecast crosses it. */
    BUDGET_CO2E("budget.co2e", null, ValueKind.MASS),
    /** Energy budget of the run (device energy, before PUE), e.g. 50kWh. */
    BUDGET_ENERGY("budget.energy", null, ValueKind.ENERGY);

    private final String key;
    private final String alias;
    private final ValueKind kind;

    SettingKey(String key, String alias, ValueKind kind) {
        this.key = key;
        this.alias = alias;
        this.kind = kind;
    }

    public String key() {
        return key;
    }

    public ValueKind kind() {
        return kind;
    }

    /** A password: never written to the ledger or printed. */
    public boolean secret() {
        return kind == ValueKind.SECRET;
    }

    public static Optional<SettingKey> named(String name) {
        return Arrays.stream(values()).filter(k -> k.key.equals(name) || name.equals(k.alias)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(SettingKey::key).toList();
    }

    /** The kinds of value a setting takes; {@link #check} returns the problem with a value, or null when it is fine. */
    public enum ValueKind {
        TEXT("any non-empty text"),
        SECRET("any non-empty text"),
        SECONDS("a number of seconds greater than 0, e.g. 1 or 0.5"),
        SECONDS_OR_AUTO("auto, or a number of seconds of at least 0, e.g. 60 (0: every sample)"),
        BOOLEAN("true or false"),
        NON_NEGATIVE_NUMBER("a number of at least 0, e.g. 0.409"),
        POSITIVE_NUMBER("a number greater than 0, e.g. 3.1e21"),
        PUE("a number of at least 1.0, e.g. 1.1"),
        PORT("a whole number from 0 to 65535, e.g. 9464"),
        POSITIVE_INTEGER("a whole number of at least 1, e.g. 5000"),
        METHOD("a class and method name, e.g. com.acme.Trainer#trainStep"),
        INTENSITY("one of table, file, electricitymaps, watttime, uk"),
        URL("an http or https URL, e.g. http://127.0.0.1:8080"),
        MASS("a mass greater than 0 with its unit g, kg or t, e.g. 5kg"),
        ENERGY("an energy greater than 0 with its unit J, Wh, kWh or MWh, e.g. 50kWh");

        private static final Pattern JAVA_METHOD = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*"
                + "#\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");

        /** The value that leaves a setting to the agent. */
        public static final String AUTO = "auto";

        private final String accepted;

        ValueKind(String accepted) {
            this.accepted = accepted;
        }

        public String accepted() {
            return accepted;
        }

        boolean accepts(String value) {
            return switch (this) {
                case TEXT, SECRET -> !value.isBlank();
                case SECONDS, POSITIVE_NUMBER -> number(value) > 0;
                case BOOLEAN -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
                case SECONDS_OR_AUTO -> value.equalsIgnoreCase(AUTO) || number(value) >= 0;
                case NON_NEGATIVE_NUMBER -> number(value) >= 0;
                case PUE -> number(value) >= 1.0;
                case PORT -> wholeNumber(value) >= 0 && wholeNumber(value) <= 65535;
                case POSITIVE_INTEGER -> wholeNumber(value) >= 1;
                case METHOD -> JAVA_METHOD.matcher(value).matches();
                case INTENSITY -> IntensityChoice.named(value).isPresent();
                case URL -> value.matches("(?i)https?://[^\\s/?#]+[^\\s]*");
                case MASS -> Quantities.grams(value).isPresent();
                case ENERGY -> Quantities.joules(value).isPresent();
            };
        }

        /** The number, or NaN when the text is not a finite number (NaN fails every comparison). */
        private static double number(String value) {
            try {
                double parsed = Double.parseDouble(value);
                return Double.isFinite(parsed) ? parsed : Double.NaN;
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        private static long wholeNumber(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
