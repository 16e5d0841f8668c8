package org.opencarboneval.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

import org.opencarboneval.calibration.forecast.BacktestSummary;

/**
 * How well each method predicts published runs it was not fitted on: every physical run is left out in turn, the
 * calibration is refitted on the rest (choosing its model and band there, so the choice is inside the fold), and both
 * methods predict the left-out run's device-hours (where compute and device-hours are published) and energy (where
 * the energy was measured, not TDP x hours), each with its band.
 */
public final class LeaveOneOut {

    private final HardwareCatalogue catalogue;
    private final CalibrationFitter fitter;

    public LeaveOneOut(HardwareCatalogue catalogue) {
        this.catalogue = catalogue;
        this.fitter = new CalibrationFitter(catalogue);
    }

    /** A prediction with its band; NaN where the run has no truth to judge it by. */
    public record Predicted(double low, double expected, double high) {

        static final Predicted NONE = new Predicted(Double.NaN, Double.NaN, Double.NaN);

        static Predicted of(Range range, double scale) {
            return new Predicted(range.low() * scale, range.expected() * scale, range.high() * scale);
        }

        double error(double actual) {
            return (expected - actual) / actual;
        }

        /** 1 if the band holds {@code actual}, 0 if not, NaN without a prediction. */
        double covers(double actual) {
            return Double.isNaN(expected) || Double.isNaN(actual) ? Double.NaN
                : low <= actual && actual <= high ? 1 : 0;
        }
    }

    /** One physical run's predictions by both methods; NaN where the run has no truth for that figure. */
    public record RowError(PublishedRun run, String family, ThroughputModel chosen, double deviceHours,
                           Predicted calibratedHours, Predicted paperHours, double energyMwh,
                           Predicted calibratedEnergy, Predicted paperEnergy) {

        public double calibratedDeviceHoursError() {
            return calibratedHours.error(deviceHours);
        }

        public double paperDeviceHoursError() {
            return paperHours.error(deviceHours);
        }

        public double calibratedEnergyError() {
            return calibratedEnergy.error(energyMwh);
        }

        public double paperEnergyError() {
            return paperEnergy.error(energyMwh);
        }
    }

    /**
     * The runs evaluated and those skipped, with why; and each candidate's own leave-one-out error on all runs (the
     * figures the fit chooses by).
     */
    public record Report(List<RowError> rows, List<String> skipped,
                         Map<ThroughputModel, Summary> candidates) {

        public Summary deviceHours(Method method) {
            return Summary.of(rows.stream().map(r -> method == Method.PAPER
                ? r.paperDeviceHoursError() : r.calibratedDeviceHoursError()).toList(),
                rows.stream().map(r -> (method == Method.PAPER ? r.paperHours() : r.calibratedHours())
                    .covers(r.deviceHours())).toList());
        }

        public Summary energy(Method method) {
            return Summary.of(rows.stream().map(r -> method == Method.PAPER
                ? r.paperEnergyError() : r.calibratedEnergyError()).toList(),
                rows.stream().map(r -> (method == Method.PAPER ? r.paperEnergy() : r.calibratedEnergy())
                    .covers(r.energyMwh())).toList());
        }

        /** How many folds chose each model. */
        public Map<ThroughputModel, Integer> choices() {
            Map<ThroughputModel, Integer> choices = new EnumMap<>(ThroughputModel.class);
            rows.stream().filter(r -> !Double.isNaN(r.deviceHours())).forEach(r -> choices.merge(r.chosen(), 1,
                Integer::sum));
            return choices;
        }
    }

    /**
     * Median and mean absolute percentage error over the runs that have the figure, and the share of them whose band
     * held the truth (NaN where no band was judged).
     */
    public record Summary(int count, double medianApe, double meanApe, double coverage) {

        static Summary of(List<Double> errors) {
            return of(errors, List.of());
        }

        static Summary of(List<Double> errors, List<Double> covered) {
            double[] absolute = errors.stream().filter(Double::isFinite).mapToDouble(e -> Math.abs(e) * 100)
                .sorted().toArray();
            double coverage = covered.stream().filter(c -> !Double.isNaN(c)).mapToDouble(Double::doubleValue)
                .average().orElse(Double.NaN);
            if (absolute.length == 0) {
                return new Summary(0, Double.NaN, Double.NaN, coverage);
            }
            return new Summary(absolute.length, BacktestSummary.quantile(absolute, 0.5),
                Arrays.stream(absolute).average().orElseThrow(), coverage);
        }
    }

    /** Each physical run predicted by a calibration fitted on all the others. */
    public Report evaluate(List<PublishedRun> runs) {
        return evaluate(runs, false);
    }

    /**
     * Each physical run predicted by a calibration fitted without any run of its publication: the error to expect on
     * a run from a publication the fit has not seen.
     */
    public Report evaluateBySource(List<PublishedRun> runs) {
        return evaluate(runs, true);
    }

    private Report evaluate(List<PublishedRun> runs, boolean bySource) {
        List<RowError> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> evaluated = new HashSet<>();
        PaperEstimator paper = new PaperEstimator();
        for (PublishedRun run : runs) {
            Optional<Hardware> hardware = catalogue.find(run.hardware());
            boolean hasTruth = run.hasThroughput() || run.hasMeasuredEnergy();
            if (hardware.isEmpty() || !hasTruth || !(run.flops() > 0 || run.deviceHours() > 0)) {
                skipped.add(run.model() + ": " + (hardware.isEmpty() ? "hardware '" + run.hardware() + "' not in the catalogue"
                    : "publishes neither compute with device-hours nor measured energy"));
                continue;
            }
            String group = fitter.physicalRun(run).orElseThrow();
            if (!evaluated.add(group)) {
                skipped.add(run.model() + ": the same physical run as a row above (counted once)");
                continue;
            }
            String source = run.source().strip();
            List<PublishedRun> rest = runs.stream()
                .filter(r -> !fitter.physicalRun(r).map(group::equals).orElse(false))
                .filter(r -> !bySource || source.isEmpty() || !r.source().strip().equals(source)).toList();
            Calibration calibration = fitter.fit(rest);
            rows.add(evaluate(run, hardware.get(), calibration, paper));
        }
        return new Report(rows, skipped, fitter.candidates(runs));
    }

    private RowError evaluate(PublishedRun run, Hardware hardware, Calibration calibration, PaperEstimator paper) {
        // Predict from compute where published: that is the a-priori task. Energy without compute comes from hours.
        OptionalDouble flops = run.flops() > 0 ? OptionalDouble.of(run.flops()) : OptionalDouble.empty();
        OptionalDouble hours = flops.isEmpty() ? OptionalDouble.of(run.deviceHours()) : OptionalDouble.empty();
        // A source that gives no PUE is taken to have published energy with it included.
        double pueValue = run.pue() > 0 ? run.pue() : 1.0;
        GridIntensity grid = GridIntensity.given(run.model(), run.ciKgPerKwh() >= 0 ? run.ciKgPerKwh() : 0,
            run.source());
        Estimate byCalibration = new CalibratedEstimator(calibration).estimate(new EstimateRequest(hardware, flops,
            hours, OptionalInt.empty(), new Pue("row", pueValue, 0, "published"), grid));
        Estimate byPaper = paper.estimate(new EstimateRequest(hardware, flops, hours,
            OptionalInt.empty(), new Pue("none", 1.0, 0, "the paper applies no PUE"), grid));
        boolean hoursTruth = run.hasThroughput();
        boolean energyTruth = run.hasMeasuredEnergy();
        return new RowError(run, hardware.family(), calibration.model(),
            hoursTruth ? run.deviceHours() : Double.NaN,
            hoursTruth ? Predicted.of(byCalibration.deviceSeconds(), 1 / 3600.0) : Predicted.NONE,
            hoursTruth ? Predicted.of(byPaper.deviceSeconds(), 1 / 3600.0) : Predicted.NONE,
            energyTruth ? run.energyMwh() : Double.NaN,
            energyTruth ? Predicted.of(byCalibration.energyKwh(), 1 / 1000.0) : Predicted.NONE,
            energyTruth ? Predicted.of(byPaper.energyKwh(), 1 / 1000.0) : Predicted.NONE);
    }
}
