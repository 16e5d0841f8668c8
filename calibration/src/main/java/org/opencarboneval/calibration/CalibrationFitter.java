package org.opencarboneval.calibration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleBiFunction;

/**
 * Fits a {@link Calibration} on published runs.
 *
 * <p>Few runs per family are published, so every estimate is shrunk: a family's efficiency and power ratio toward the
 * mean over all runs (as if the family had {@value #FAMILY_PRIOR_RUNS} extra run at that mean), and the compute slope
 * toward zero (ridge). Rows describing the same physical run (the same compute on the same family: BLOOM and OPT
 * appear several times in the literature) are averaged into one observation, and the spreads are measured by leaving
 * out one physical run at a time, so a duplicate never validates itself.
 */
public final class CalibrationFitter {

    static final double FAMILY_PRIOR_RUNS = 1.0;
    static final double COMPUTE_RIDGE = 2.0;
    /** Spread assumed when too few runs are published to measure one. */
    static final double DEFAULT_SIGMA = 0.5;

    private final HardwareCatalogue catalogue;

    public CalibrationFitter(HardwareCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** One physical run in the fit's terms: ln(throughput/peak) or ln(power/TDP), and ln(compute/1e23). */
    record Observation(String run, String family, double value, double lnCompute) {
    }

    public Calibration fit(List<PublishedRun> runs) {
        List<Observation> throughput = observations(runs, PublishedRun::hasThroughput,
            (run, hardware) -> Math.log(run.meanTflops() / hardware.peakTflops()));
        List<Observation> power = observations(runs, PublishedRun::hasMeasuredPower,
            (run, hardware) -> Math.log(run.avgPowerWatts() / hardware.tdpWatts()));
        Calibration core = fitWithoutSpread(throughput, power);
        return new Calibration(core.computeSlope(), core.minLnCompute(), core.maxLnCompute(),
            leaveOneOutSpread(throughput, power, true), leaveOneOutSpread(throughput, power, false),
            core.global(), core.families());
    }

    /** The physical run a row belongs to: its hardware family and its compute to three significant digits. */
    Optional<String> physicalRun(PublishedRun run) {
        return catalogue.find(run.hardware()).map(hardware -> hardware.family() + "|"
            + (run.flops() > 0 ? String.format(Locale.ROOT, "%.2e", run.flops()) : run.model()));
    }

    private List<Observation> observations(List<PublishedRun> runs, Predicate<PublishedRun> usable,
                                           ToDoubleBiFunction<PublishedRun, Hardware> value) {
        Map<String, List<PublishedRun>> byRun = new LinkedHashMap<>();
        for (PublishedRun run : runs) {
            Optional<String> key = physicalRun(run);
            if (usable.test(run) && key.isPresent()) {
                byRun.computeIfAbsent(key.get(), k -> new ArrayList<>()).add(run);
            }
        }
        List<Observation> observations = new ArrayList<>();
        byRun.forEach((key, rows) -> {
            Hardware hardware = catalogue.find(rows.get(0).hardware()).orElseThrow();
            observations.add(new Observation(key, hardware.family(),
                rows.stream().mapToDouble(r -> value.applyAsDouble(r, hardware)).average().orElseThrow(),
                rows.stream().filter(r -> r.flops() > 0).mapToDouble(r -> Math.log(r.flops() / Calibration.REFERENCE_FLOPS))
                    .average().orElse(Double.NaN)));
        });
        return observations;
    }

    private Calibration fitWithoutSpread(List<Observation> throughput, List<Observation> power) {
        double slope = computeSlope(throughput);
        // Efficiency at the reference compute: each observation with the compute effect taken out.
        Shrunk efficiency = shrink(throughput.stream()
            .map(o -> new Observation(o.run(), o.family(), o.value() - slope * o.lnCompute(), o.lnCompute()))
            .toList());
        Shrunk powerRatio = shrink(power);
        Map<String, Calibration.FamilyFit> families = new LinkedHashMap<>();
        for (Hardware hardware : catalogue.all()) {
            String family = hardware.family();
            int runs = efficiency.counts.getOrDefault(family, 0);
            int powerRuns = powerRatio.counts.getOrDefault(family, 0);
            if (runs + powerRuns > 0) {
                families.putIfAbsent(family, new Calibration.FamilyFit(family,
                    efficiency.byFamily.getOrDefault(family, efficiency.global), runs,
                    powerRatio.byFamily.getOrDefault(family, powerRatio.global), powerRuns));
            }
        }
        Calibration.FamilyFit global = new Calibration.FamilyFit("*", efficiency.global, throughput.size(),
            powerRatio.global, power.size());
        return new Calibration(slope,
            throughput.stream().mapToDouble(Observation::lnCompute).min().orElse(0),
            throughput.stream().mapToDouble(Observation::lnCompute).max().orElse(0),
            DEFAULT_SIGMA, DEFAULT_SIGMA, global, families);
    }

    /** Within-family least squares of ln(throughput/peak) on ln(compute), shrunk toward zero. */
    private static double computeSlope(List<Observation> throughput) {
        Map<String, double[]> means = new HashMap<>();
        for (Observation o : throughput) {
            double[] sum = means.computeIfAbsent(o.family(), k -> new double[3]);
            sum[0] += o.value();
            sum[1] += o.lnCompute();
            sum[2]++;
        }
        double sxy = 0;
        double sxx = 0;
        for (Observation o : throughput) {
            double[] sum = means.get(o.family());
            double dx = o.lnCompute() - sum[1] / sum[2];
            sxy += dx * (o.value() - sum[0] / sum[2]);
            sxx += dx * dx;
        }
        return sxy / (sxx + COMPUTE_RIDGE);
    }

    private record Shrunk(double global, Map<String, Double> byFamily, Map<String, Integer> counts) {
    }

    private static Shrunk shrink(List<Observation> observations) {
        double global = observations.stream().mapToDouble(Observation::value).average().orElse(0);
        Map<String, Double> sums = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Observation o : observations) {
            sums.merge(o.family(), o.value(), Double::sum);
            counts.merge(o.family(), 1, Integer::sum);
        }
        Map<String, Double> byFamily = new HashMap<>();
        sums.forEach((family, sum) ->
            byFamily.put(family, (sum + FAMILY_PRIOR_RUNS * global) / (counts.get(family) + FAMILY_PRIOR_RUNS)));
        return new Shrunk(global, byFamily, counts);
    }

    /** Root-mean-square error, in logs, of predicting each physical run from a fit without it. */
    private double leaveOneOutSpread(List<Observation> throughput, List<Observation> power, boolean ofThroughput) {
        List<Observation> target = ofThroughput ? throughput : power;
        if (target.size() < 3) {
            return DEFAULT_SIGMA;
        }
        double squares = 0;
        for (Observation left : target) {
            Calibration fit = fitWithoutSpread(
                ofThroughput ? without(throughput, left) : throughput,
                ofThroughput ? power : without(power, left));
            Calibration.FamilyFit family = fit.families().getOrDefault(left.family(), fit.global());
            double predicted = ofThroughput
                ? fit.lnEfficiency(family, Calibration.REFERENCE_FLOPS * Math.exp(left.lnCompute()))
                : (family.powerRuns() > 0 ? family.lnPowerRatio() : fit.global().lnPowerRatio());
            squares += Math.pow(left.value() - predicted, 2);
        }
        return Math.sqrt(squares / target.size());
    }

    private static List<Observation> without(List<Observation> observations, Observation left) {
        return observations.stream().filter(o -> !o.run().equals(left.run())).toList();
    }
}
