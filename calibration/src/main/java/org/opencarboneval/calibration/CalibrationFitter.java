package org.opencarboneval.calibration;

import java.util.ArrayList;
import java.util.EnumMap;
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
 * <p>Device time is the paper's, corrected by a shift in logs. Which correction (none, one pooled shift, or one per
 * hardware family) is chosen by leave-one-out on the runs given, leaving out one publication at a time; so
 * {@link LeaveOneOut}, which refits this without the run it predicts, makes the choice inside each fold and the error
 * it reports is that of the whole procedure. Every
 * shift is shrunk: the pooled one toward the paper (as if {@value #POOLED_PRIOR_RUNS} extra run had the paper exactly
 * right), a family's toward the pooled one (as if {@value #FAMILY_PRIOR_RUNS} extra runs sat there). Rows describing
 * the same physical run (the same compute on the same family: BLOOM appears several times in the literature) are
 * averaged into one observation and left out together, so a duplicate never validates itself.
 */
public final class CalibrationFitter {

    static final double POOLED_PRIOR_RUNS = 1.0;
    static final double FAMILY_PRIOR_RUNS = 3.0;
    /** A family's power ratio is shrunk toward the mean over all runs as if it had this many extra runs there. */
    static final double POWER_PRIOR_RUNS = 1.0;
    /** Spread assumed when too few runs are published to measure one. */
    static final double DEFAULT_SIGMA = 0.5;
    /** Publications needed to judge candidates by leaving one publication out at a time. */
    static final int MIN_FOLDS = 3;
    /** Each tail of the device-time band: a 90% band. */
    static final double BAND_TAIL = 0.05;

    private final HardwareCatalogue catalogue;

    public CalibrationFitter(HardwareCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * One physical run in the fit's terms: ln(actual / paper device time), or ln(power / TDP).
     *
     * @param fold the runs left out with this one when judging a candidate: those of the same publication
     */
    record Observation(String run, String family, String fold, double value) {
    }

    public Calibration fit(List<PublishedRun> runs) {
        List<Observation> time = timeObservations(runs);
        List<Observation> power = observations(runs, PublishedRun::hasMeasuredPower,
            (run, hardware) -> Math.log(run.avgPowerWatts() / hardware.tdpWatts()));
        Map<ThroughputModel, List<Double>> errors = leaveOneOutErrors(time);
        ThroughputModel chosen = choose(errors);
        double[] band = conformalBand(errors.get(chosen));
        FamilyValues shifts = shifts(chosen, time);
        FamilyValues powerRatio = shrink(power);
        Map<String, Calibration.FamilyFit> families = new LinkedHashMap<>();
        for (Hardware hardware : catalogue.all()) {
            String family = hardware.family();
            int runsOfFamily = count(time, family);
            int powerRuns = powerRatio.runs(family);
            if (runsOfFamily + powerRuns > 0) {
                families.putIfAbsent(family, new Calibration.FamilyFit(family, shifts.of(family), runsOfFamily,
                    powerRatio.of(family), powerRuns));
            }
        }
        Calibration.FamilyFit global = new Calibration.FamilyFit("*", shifts.global(), time.size(),
            powerRatio.global(), power.size());
        return new Calibration(chosen, band[0], band[1], powerSpread(power), global, families, Map.of());
    }

    /**
     * Each candidate's leave-one-out error on these runs, as (predicted - actual) / actual device-hours per physical
     * run: what the fit chooses by, shown so the choice can be checked.
     */
    public Map<ThroughputModel, LeaveOneOut.Summary> candidates(List<PublishedRun> runs) {
        Map<ThroughputModel, LeaveOneOut.Summary> summaries = new EnumMap<>(ThroughputModel.class);
        leaveOneOutErrors(timeObservations(runs)).forEach((model, errors) -> summaries.put(model, summary(errors)));
        return summaries;
    }

    /** The physical run a row belongs to: its hardware family and its compute to three significant digits. */
    Optional<String> physicalRun(PublishedRun run) {
        return catalogue.find(run.hardware()).map(hardware -> hardware.family() + "|"
            + (run.flops() > 0 ? String.format(Locale.ROOT, "%.2e", run.flops()) : run.model()));
    }

    private List<Observation> timeObservations(List<PublishedRun> runs) {
        return observations(runs, PublishedRun::hasThroughput, (run, hardware) -> Math.log(run.deviceHours() * 3600
            / PaperEstimator.curveTime(hardware, run.flops() / 1e12).seconds().expected()));
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
            String source = rows.get(0).source().strip();
            observations.add(new Observation(key, hardware.family(), source.isEmpty() ? key : source,
                rows.stream().mapToDouble(r -> value.applyAsDouble(r, hardware)).average().orElseThrow()));
        });
        return observations;
    }

    /**
     * A value per hardware family (a shift, a power ratio), each shrunk toward {@code global}; {@code global} for a
     * family without runs. {@code counts} are the runs behind each family's value.
     */
    private record FamilyValues(double global, Map<String, Double> byFamily, Map<String, Integer> counts) {

        static FamilyValues everywhere(double value) {
            return new FamilyValues(value, Map.of(), Map.of());
        }

        /** The mean of each family's observations, shrunk as if {@code priorRuns} extra runs sat at {@code toward}. */
        static FamilyValues shrunk(List<Observation> observations, double toward, double priorRuns) {
            Map<String, Double> sums = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            for (Observation o : observations) {
                sums.merge(o.family(), o.value(), Double::sum);
                counts.merge(o.family(), 1, Integer::sum);
            }
            Map<String, Double> byFamily = new HashMap<>();
            sums.forEach((family, sum) ->
                byFamily.put(family, (sum + priorRuns * toward) / (counts.get(family) + priorRuns)));
            return new FamilyValues(toward, byFamily, counts);
        }

        double of(String family) {
            return byFamily.getOrDefault(family, global);
        }

        int runs(String family) {
            return counts.getOrDefault(family, 0);
        }
    }

    private static FamilyValues shifts(ThroughputModel model, List<Observation> time) {
        double pooled = time.stream().mapToDouble(Observation::value).sum() / (time.size() + POOLED_PRIOR_RUNS);
        return switch (model) {
            case PAPER -> FamilyValues.everywhere(0);
            case POOLED -> FamilyValues.everywhere(pooled);
            case FAMILY -> FamilyValues.shrunk(time, pooled, FAMILY_PRIOR_RUNS);
        };
    }

    /**
     * ln(actual / predicted) device time of every physical run, each predicted by the model fitted without it and
     * without the other runs of its publication. Runs of one publication share its cluster, software and way of
     * counting FLOP, so a sibling left in would vouch for it; the estimate is for runs of publications not seen.
     * With fewer than {@value #MIN_FOLDS} publications, runs are left out one at a time.
     */
    private static Map<ThroughputModel, List<Double>> leaveOneOutErrors(List<Observation> time) {
        boolean bySource = time.stream().map(Observation::fold).distinct().count() >= MIN_FOLDS;
        Map<ThroughputModel, List<Double>> errors = new EnumMap<>(ThroughputModel.class);
        for (ThroughputModel model : ThroughputModel.values()) {
            List<Double> own = new ArrayList<>();
            for (Observation left : time) {
                List<Observation> rest = time.stream()
                    .filter(o -> bySource ? !o.fold().equals(left.fold()) : !o.run().equals(left.run())).toList();
                own.add(left.value() - shifts(model, rest).of(left.family()));
            }
            errors.put(model, own);
        }
        return errors;
    }

    /**
     * The candidate with the lowest mean of median and mean absolute percentage error; a tie keeps the simpler one.
     * Too few runs to judge keep the paper.
     */
    private static ThroughputModel choose(Map<ThroughputModel, List<Double>> errors) {
        ThroughputModel best = ThroughputModel.PAPER;
        double bestScore = score(summary(errors.get(best)));
        for (ThroughputModel model : ThroughputModel.values()) {
            double score = score(summary(errors.get(model)));
            if (errors.get(model).size() >= 3 && score < bestScore) {
                best = model;
                bestScore = score;
            }
        }
        return best;
    }

    private static double score(LeaveOneOut.Summary summary) {
        return (summary.medianApe() + summary.meanApe()) / 2;
    }

    private static LeaveOneOut.Summary summary(List<Double> lnErrors) {
        // ln(actual / predicted) = e means predicted = actual * exp(-e).
        return LeaveOneOut.Summary.of(lnErrors.stream().map(e -> Math.expm1(-e)).toList());
    }

    /**
     * The 5% and 95% split-conformal quantiles of the leave-one-out log errors: the {@code floor((n + 1) 0.05)}-th
     * and {@code ceil((n + 1) 0.95)}-th smallest of n, clamped to the extremes where n is small, and never excluding
     * 0 (the point estimate stays inside its band).
     */
    static double[] conformalBand(List<Double> lnErrors) {
        int n = lnErrors.size();
        if (n < 3) {
            double half = CalibratedEstimator.Z90 * DEFAULT_SIGMA;
            return new double[] {-half, half};
        }
        double[] sorted = lnErrors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int low = Math.max(1, (int) Math.floor((n + 1) * BAND_TAIL));
        int high = Math.min(n, (int) Math.ceil((n + 1) * (1 - BAND_TAIL)));
        return new double[] {Math.min(0, sorted[low - 1]), Math.max(0, sorted[high - 1])};
    }

    private static int count(List<Observation> observations, String family) {
        return (int) observations.stream().filter(o -> o.family().equals(family)).count();
    }

    /** Each family's power ratio, shrunk toward the mean over all runs. */
    private static FamilyValues shrink(List<Observation> power) {
        return FamilyValues.shrunk(power, power.stream().mapToDouble(Observation::value).average().orElse(0),
            POWER_PRIOR_RUNS);
    }

    /** Root-mean-square error, in logs, of predicting each physical run's power ratio from a fit without it. */
    private static double powerSpread(List<Observation> power) {
        if (power.size() < 3) {
            return DEFAULT_SIGMA;
        }
        double squares = 0;
        for (Observation left : power) {
            squares += Math.pow(left.value() - shrink(without(power, left)).of(left.family()), 2);
        }
        return Math.sqrt(squares / power.size());
    }

    private static List<Observation> without(List<Observation> observations, Observation left) {
        return observations.stream().filter(o -> !o.run().equals(left.run())).toList();
    }
}
