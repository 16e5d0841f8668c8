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
import java.util.Properties;
import java.util.TreeMap;

/**
 * What {@code calibrate} fits on published runs and {@code --method calibrated} uses: per hardware family, the mean
 * throughput as a fraction of peak (in logs, with a slope in the run's compute shared by all families) and the
 * measured power as a fraction of TDP, with the spread of both for the bounds.
 *
 * <p>Throughput: {@code ln(r / peak) = efficiency[family] + computeSlope * ln(C / 1e23 FLOP)}. Larger runs train
 * larger models, which reach a larger share of peak (Llama 3 8B ran at 154 TFLOP/s per H100, 70B at 273). The run's
 * compute stands in for model size because it is always known and, unlike a parameter count, means the same for
 * mixture-of-experts models.
 *
 * @param computeSlope       d ln(throughput) / d ln(compute), pooled over families
 * @param minLnCompute       smallest ln(C/1e23) seen in the fit; compute is clamped to the range seen
 * @param maxLnCompute       largest ln(C/1e23) seen in the fit
 * @param sigmaLnThroughput  leave-one-out spread of ln(throughput) predictions
 * @param sigmaLnPower       leave-one-out spread of ln(power ratio) predictions
 * @param global             the fit for a family without data of its own
 */
public record Calibration(double computeSlope, double minLnCompute, double maxLnCompute, double sigmaLnThroughput,
                          double sigmaLnPower, FamilyFit global, Map<String, FamilyFit> families) {

    static final double REFERENCE_FLOPS = 1e23;
    private static final String RESOURCE = "calibration.properties";

    /** One family's fitted figures: ln(throughput/peak) at 1e23 FLOP and ln(power/TDP), and the runs behind each. */
    public record FamilyFit(String family, double lnEfficiency, int throughputRuns,
                            double lnPowerRatio, int powerRuns) {
    }

    public Calibration {
        families = Map.copyOf(families);
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

    public static Calibration read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read calibration " + file + ": " + e.getMessage(), e);
        }
    }

    public FamilyFit fitFor(Hardware hardware) {
        return families.getOrDefault(hardware.family(), global);
    }

    /** Expected mean throughput in TFLOP/s per device for a run of {@code flops}. */
    public double meanTflops(Hardware hardware, double flops) {
        return hardware.peakTflops() * Math.exp(lnEfficiency(fitFor(hardware), flops));
    }

    /** ln(throughput / peak) predicted by one family's fit. */
    double lnEfficiency(FamilyFit fit, double flops) {
        return fit.lnEfficiency() + computeSlope * clampedLnCompute(flops);
    }

    double clampedLnCompute(double flops) {
        return Math.max(minLnCompute, Math.min(maxLnCompute, Math.log(flops / REFERENCE_FLOPS)));
    }

    /** Expected average power per device in watts. */
    public double watts(Hardware hardware) {
        return hardware.tdpWatts() * Math.exp(fitFor(hardware).lnPowerRatio());
    }

    public void write(Writer out, String comment) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("compute_slope", Double.toString(computeSlope));
        properties.setProperty("min_ln_compute", Double.toString(minLnCompute));
        properties.setProperty("max_ln_compute", Double.toString(maxLnCompute));
        properties.setProperty("sigma_ln_throughput", Double.toString(sigmaLnThroughput));
        properties.setProperty("sigma_ln_power", Double.toString(sigmaLnPower));
        put(properties, "global", global);
        families.values().forEach(f -> put(properties, "family." + f.family(), f));
        // Sorted keys, no timestamp: the same fit writes the same file.
        StringBuilder text = new StringBuilder("# " + comment + "\n");
        new TreeMap<>(properties).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        out.write(text.toString());
    }

    private static void put(Properties properties, String prefix, FamilyFit fit) {
        properties.setProperty(prefix + ".ln_efficiency", Double.toString(fit.lnEfficiency()));
        properties.setProperty(prefix + ".throughput_runs", Integer.toString(fit.throughputRuns()));
        properties.setProperty(prefix + ".ln_power_ratio", Double.toString(fit.lnPowerRatio()));
        properties.setProperty(prefix + ".power_runs", Integer.toString(fit.powerRuns()));
    }

    static Calibration parse(String origin, Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        PropertyReader read = new PropertyReader(origin, properties);
        Map<String, FamilyFit> families = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("family.") && key.endsWith(".ln_efficiency")) {
                String family = key.substring("family.".length(), key.length() - ".ln_efficiency".length());
                families.put(family, read.family("family." + family, family));
            }
        }
        return new Calibration(read.number("compute_slope"), read.number("min_ln_compute"), read.number("max_ln_compute"),
            read.number("sigma_ln_throughput"), read.number("sigma_ln_power"), read.family("global", "*"), families);
    }

    private record PropertyReader(String origin, Properties properties) {
        double number(String key) {
            String value = properties.getProperty(key);
            if (value == null) {
                throw new IllegalArgumentException(origin + ": missing '" + key + "'");
            }
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

        FamilyFit family(String prefix, String name) {
            return new FamilyFit(name, number(prefix + ".ln_efficiency"), (int) number(prefix + ".throughput_runs"), number(prefix + ".ln_power_ratio"),
                (int) number(prefix + ".power_runs"));
        }
    }
}
