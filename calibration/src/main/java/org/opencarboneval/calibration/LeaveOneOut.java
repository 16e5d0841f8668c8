package org.opencarboneval.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How well each method predicts published runs it was not fitted on: every physical run is left out in turn, the
 * calibration is refitted on the rest, and both methods predict the left-out rows' device-hours (where compute and
 * device-hours are published) and energy (where the energy was measured, not TDP x hours).
 */
public final class LeaveOneOut {

    private final HardwareCatalogue catalogue;
    private final CalibrationFitter fitter;

    public LeaveOneOut(HardwareCatalogue catalogue) {
        this.catalogue = catalogue;
        this.fitter = new CalibrationFitter(catalogue);
    }

    /** Errors for one row; NaN where the row has no truth for that figure. */
    public record RowError(PublishedRun run, String family, double deviceHours, double calibratedDeviceHours,
                           double paperDeviceHours, double energyMwh, double calibratedEnergyMwh,
                           double paperEnergyMwh) {

        public double calibratedDeviceHoursError() {
            return relativeError(calibratedDeviceHours, deviceHours);
        }

        public double paperDeviceHoursError() {
            return relativeError(paperDeviceHours, deviceHours);
        }

        public double calibratedEnergyError() {
            return relativeError(calibratedEnergyMwh, energyMwh);
        }

        public double paperEnergyError() {
            return relativeError(paperEnergyMwh, energyMwh);
        }

        private static double relativeError(double predicted, double actual) {
            return (predicted - actual) / actual;
        }
    }

    /** The rows evaluated and those skipped, with why. */
    public record Report(List<RowError> rows, List<String> skipped) {

        public Summary deviceHours(Method method) {
            return Summary.of(rows.stream().map(r -> method == Method.PAPER
                ? r.paperDeviceHoursError() : r.calibratedDeviceHoursError()).toList());
        }

        public Summary energy(Method method) {
            return Summary.of(rows.stream().map(r -> method == Method.PAPER
                ? r.paperEnergyError() : r.calibratedEnergyError()).toList());
        }
    }

    /** Median and mean absolute percentage error over the rows that have the figure. */
    public record Summary(int count, double medianApe, double meanApe) {
        static Summary of(List<Double> errors) {
            double[] absolute = errors.stream().filter(Double::isFinite).mapToDouble(e -> Math.abs(e) * 100)
                .sorted().toArray();
            if (absolute.length == 0) {
                return new Summary(0, Double.NaN, Double.NaN);
            }
            int n = absolute.length;
            double median = n % 2 == 1 ? absolute[n / 2] : (absolute[n / 2 - 1] + absolute[n / 2]) / 2;
            return new Summary(n, median, Arrays.stream(absolute).average().orElseThrow());
        }
    }

    public Report evaluate(List<PublishedRun> runs) {
        List<RowError> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
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
            List<PublishedRun> rest = runs.stream()
                .filter(r -> !fitter.physicalRun(r).map(group::equals).orElse(false)).toList();
            Calibration calibration = fitter.fit(rest);
            rows.add(evaluate(run, hardware.get(), new CalibratedEstimator(calibration), paper));
        }
        return new Report(rows, skipped);
    }

    private RowError evaluate(PublishedRun run, Hardware hardware, CalibratedEstimator calibrated,
                              PaperEstimator paper) {
        // Predict from compute where published: that is the a-priori task. Energy without compute comes from hours.
        OptionalDouble flops = run.flops() > 0 ? OptionalDouble.of(run.flops()) : OptionalDouble.empty();
        OptionalDouble hours = flops.isEmpty() ? OptionalDouble.of(run.deviceHours()) : OptionalDouble.empty();
        // A source that gives no PUE is taken to have published energy with it included.
        double pueValue = run.pue() > 0 ? run.pue() : 1.0;
        GridIntensity grid = GridIntensity.given(run.model(), run.ciKgPerKwh() >= 0 ? run.ciKgPerKwh() : 0,
            run.source());
        Estimate byCalibration = calibrated.estimate(new EstimateRequest(hardware, flops, hours,
            OptionalInt.empty(), new Pue("row", pueValue, 0, "published"), grid));
        Estimate byPaper = paper.estimate(new EstimateRequest(hardware, flops, hours,
            OptionalInt.empty(), new Pue("none", 1.0, 0, "the paper applies no PUE"), grid));
        boolean hoursTruth = run.hasThroughput();
        boolean energyTruth = run.hasMeasuredEnergy();
        return new RowError(run, hardware.family(),
            hoursTruth ? run.deviceHours() : Double.NaN,
            hoursTruth ? byCalibration.deviceSeconds().expected() / 3600 : Double.NaN,
            hoursTruth ? byPaper.deviceSeconds().expected() / 3600 : Double.NaN,
            energyTruth ? run.energyMwh() : Double.NaN,
            energyTruth ? byCalibration.energyKwh().expected() / 1000 : Double.NaN,
            energyTruth ? byPaper.energyKwh().expected() / 1000 : Double.NaN);
    }
}
