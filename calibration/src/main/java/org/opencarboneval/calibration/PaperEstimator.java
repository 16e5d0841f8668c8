package org.opencarboneval.calibration;

/**
 * The OpenCarbonEval paper's estimate: solve {@code W(T) = C} at both ends of the device's alpha range, multiply the
 * device time by TDP, and report the mean of the two ends. The paper applies no PUE.
 */
public final class PaperEstimator {

    private static final double FLOP_PER_TFLOP = 1e12;

    public Estimate estimate(EstimateRequest request) {
        if (request.pue().value() != 1.0) {
            throw new IllegalArgumentException("the paper method applies no PUE (got " + request.pue().value()
                + "); use the calibrated method to include one");
        }
        Hardware hardware = request.hardware();
        DeviceTime time = DeviceTime.measured(request)
            .orElseGet(() -> curveTime(hardware, request.flops().getAsDouble() / FLOP_PER_TFLOP));
        return Estimate.of(Method.PAPER, request, time, Range.exactly(hardware.tdpWatts()));
    }

    /** Device time for {@code workTflop} on the paper's curve at both ends of the alpha range, and their mean. */
    static DeviceTime curveTime(Hardware hardware, double workTflop) {
        AlphaRange alpha = hardware.alpha();
        return new DeviceTime(
            Range.meanOf(new ThroughputCurve(alpha.log10Low()).deviceTimeFor(workTflop),
                new ThroughputCurve(alpha.log10High()).deviceTimeFor(workTflop)),
            new Range(alpha.log10Low(), (alpha.log10Low() + alpha.log10High()) / 2, alpha.log10High()));
    }
}
