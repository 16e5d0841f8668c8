package org.opencarboneval.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code calibrate} fits and {@code --method calibrated} uses.
 *
 * <p>Device time: the paper's, times {@code exp(shift)}, the shift chosen by leave-one-out among the
 * {@link ThroughputModel}s; the band is the 5% and 95% quantiles of the chosen model's own leave-one-out log errors
 * (split conformal), so it is as wide as the model proved wrong, not an assumed spread. Power: the measured power as a
 * share of TDP per hardware family. Hardware the user measured ({@code calibrate --ledgers}) uses its measured
 * throughput and power instead.
 *
 * @param model        the candidate the fit chose
 * @param bandLnLow    5% quantile of ln(actual / predicted device time) in leave-one-out (negative)
 * @param bandLnHigh   95% quantile of the same (positive)
 * @param sigmaLnPower leave-one-out spread of ln(power ratio) predictions
 * @param global       the fit for a family without data of its own
 * @param measured     per catalogue hardware id, what the user's own runs measured
 */
public record Calibration(ThroughputModel model, double bandLnLow, double bandLnHigh, double sigmaLnPower,
                          FamilyFit global, Map<String, FamilyFit> families, Map<String, Measured> measured) {

    private static final String RESOURCE = "calibration.properties";
    private static final Pattern FAMILY_KEY = Pattern.compile(
        "family\\.([^.]+)\\.(ln_time_shift|throughput_runs|ln_power_ratio|power_runs)");
    private static final Pattern MEASURED_KEY = Pattern.compile(
        "measured\\.([^.]+)\\.(tflops_per_device|watts_per_device|runs|device_hours)");

    /**
     * One family's fitted figures and the runs behind each.
     *
     * @param lnTimeShift ln(actual / paper device time) the model predicts for the family
     */
    public record FamilyFit(String family, double lnTimeShift, int throughputRuns, double lnPowerRatio,
                            int powerRuns) {
    }

    /**
     * What the user's own runs on one device measured.
     *
     * @param tflopsPerDevice achieved TFLOP/s per device: their compute over their device time
     * @param wattsPerDevice  mean GPU power per device: their GPU energy over their device time
     */
    public record Measured(String hardwareId, double tflopsPerDevice, double wattsPerDevice, int runs,
                           double deviceHours) {
    }

    public Calibration {
        families = Map.copyOf(families);
        measured = Map.copyOf(measured);
    }

    public static Calibration bundled() {
        InputStream in = Calibration.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing bundled calibration " + RESOURCE);
        }
        try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(RESOURCE, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a calibration file; a file that is not one is an {@link IllegalArgumentException} naming what is wrong. */
    public static Calibration read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read calibration " + file + ": " + e.getMessage(), e);
        }
    }

    /** This calibration with the user's measurements added (replacing earlier ones for the same hardware). */
    public Calibration withMeasured(Map<String, Measured> added) {
        Map<String, Measured> all = new TreeMap<>(measured);
        all.putAll(added);
        return new Calibration(model, bandLnLow, bandLnHigh, sigmaLnPower, global, families, all);
    }

    public FamilyFit fitFor(Hardware hardware) {
        return families.getOrDefault(hardware.family(), global);
    }

    public Optional<Measured> measuredFor(Hardware hardware) {
        return Optional.ofNullable(measured.get(hardware.id()));
    }

    /** Device-seconds for {@code flops} on this hardware, with the leave-one-out band. */
    public Range deviceSeconds(Hardware hardware, double flops) {
        double work = flops / 1e12;
        double expected = measuredFor(hardware).map(m -> work / m.tflopsPerDevice())
            .orElseGet(() -> PaperEstimator.curveTime(hardware, work).seconds().expected()
                * Math.exp(fitFor(hardware).lnTimeShift()));
        return new Range(expected * Math.exp(bandLnLow), expected, expected * Math.exp(bandLnHigh));
    }

    /** Expected average power per device in watts. */
    public double watts(Hardware hardware) {
        return measuredFor(hardware).map(Measured::wattsPerDevice)
            .orElseGet(() -> hardware.tdpWatts() * Math.exp(fitFor(hardware).lnPowerRatio()));
    }

    public void write(Writer out, String comment) throws IOException {
        Map<String, String> properties = new TreeMap<>();
        properties.put("model", model.id());
        properties.put("band_ln_low", Double.toString(bandLnLow));
        properties.put("band_ln_high", Double.toString(bandLnHigh));
        properties.put("sigma_ln_power", Double.toString(sigmaLnPower));
        put(properties, "global", global);
        families.values().forEach(f -> put(properties, "family." + f.family(), f));
        measured.values().forEach(m -> {
            String prefix = "measured." + m.hardwareId();
            properties.put(prefix + ".tflops_per_device", Double.toString(m.tflopsPerDevice()));
            properties.put(prefix + ".watts_per_device", Double.toString(m.wattsPerDevice()));
            properties.put(prefix + ".runs", Integer.toString(m.runs()));
            properties.put(prefix + ".device_hours", Double.toString(m.deviceHours()));
        });
        // Sorted keys, no timestamp: the same fit writes the same file.
        StringBuilder text = new StringBuilder("# " + comment + "\n");
        properties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        out.write(text.toString());
    }

    private static void put(Map<String, String> properties, String prefix, FamilyFit fit) {
        properties.put(prefix + ".ln_time_shift", Double.toString(fit.lnTimeShift()));
        properties.put(prefix + ".throughput_runs", Integer.toString(fit.throughputRuns()));
        properties.put(prefix + ".ln_power_ratio", Double.toString(fit.lnPowerRatio()));
        properties.put(prefix + ".power_runs", Integer.toString(fit.powerRuns()));
    }

    static Calibration parse(String origin, Reader reader) throws IOException {
        Properties properties = new Properties();
        try {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": not a properties file: " + e.getMessage());
        }
        PropertyReader read = new PropertyReader(origin, properties);
        Map<String, FamilyFit> families = new TreeMap<>();
        Map<String, Measured> measured = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher family = FAMILY_KEY.matcher(key);
            Matcher device = MEASURED_KEY.matcher(key);
            if (family.matches()) {
                families.computeIfAbsent(family.group(1), f -> read.family("family." + f, f));
            } else if (device.matches()) {
                measured.computeIfAbsent(device.group(1), read::measured);
            } else if (!read.isTopLevel(key)) {
                throw new IllegalArgumentException(origin + ": unknown key '" + key + "'; a calibration holds model,"
                    + " band_ln_low, band_ln_high, sigma_ln_power, global.*, family.<family>.* and"
                    + " measured.<hardware>.*");
            }
        }
        double low = read.number("band_ln_low");
        double high = read.number("band_ln_high");
        if (!(low <= 0 && high >= 0)) {
            throw new IllegalArgumentException(origin + ": the band (band_ln_low " + low + ", band_ln_high " + high
                + ") must hold 0: low <= 0 <= high");
        }
        return new Calibration(ThroughputModel.parse(origin, read.text("model")), low, high,
            read.nonNegative("sigma_ln_power"), read.family("global", "*"), families, measured);
    }

    private record PropertyReader(String origin, Properties properties) {

        private static final java.util.Set<String> TOP_LEVEL = java.util.Set.of("model", "band_ln_low",
            "band_ln_high", "sigma_ln_power", "global.ln_time_shift", "global.throughput_runs",
            "global.ln_power_ratio", "global.power_runs");

        boolean isTopLevel(String key) {
            return TOP_LEVEL.contains(key);
        }

        String text(String key) {
            String value = properties.getProperty(key);
            if (value == null) {
                throw new IllegalArgumentException(origin + ": missing '" + key + "'");
            }
            return value;
        }

        double number(String key) {
            String value = text(key);
            try {
                double parsed = Double.parseDouble(value.strip());
                if (!Double.isFinite(parsed)) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(origin + ": '" + key + "' is '" + value + "', not a number");
            }
        }

        double nonNegative(String key) {
            double value = number(key);
            if (value < 0) {
                throw new IllegalArgumentException(origin + ": '" + key + "' is " + value + "; expected >= 0");
            }
            return value;
        }

        double positive(String key) {
            double value = number(key);
            if (!(value > 0)) {
                throw new IllegalArgumentException(origin + ": '" + key + "' is " + value + "; expected > 0");
            }
            return value;
        }

        int count(String key) {
            double value = nonNegative(key);
            if (value != Math.rint(value)) {
                throw new IllegalArgumentException(origin + ": '" + key + "' is " + value
                    + "; expected a whole number");
            }
            return (int) value;
        }

        FamilyFit family(String prefix, String name) {
            return new FamilyFit(name, number(prefix + ".ln_time_shift"), count(prefix + ".throughput_runs"),
                number(prefix + ".ln_power_ratio"), count(prefix + ".power_runs"));
        }

        Measured measured(String hardwareId) {
            if (HardwareCatalogue.bundled().all().stream().noneMatch(h -> h.id().equals(hardwareId))) {
                throw new IllegalArgumentException(origin + ": 'measured." + hardwareId + "' names no catalogued "
                    + "hardware id (ids as 'devices' and hardware.csv give them, e.g. a100-sxm4-80gb)");
            }
            String prefix = "measured." + hardwareId;
            return new Measured(hardwareId, positive(prefix + ".tflops_per_device"),
                positive(prefix + ".watts_per_device"), count(prefix + ".runs"), positive(prefix + ".device_hours"));
        }
    }
}
