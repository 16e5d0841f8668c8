package org.opencarboneval.calibration;

/**
 * The estimate with fitted figures: device time from the throughput the hardware family achieved on published runs
 * (for a run of this size), energy from the measured power ratio, the datacenter's PUE and the grid's intensity. Bounds
 * are the 90% band of the fit's leave-one-out errors; they assume time and power err the same way.
 */
public final class CalibratedEstimator {

    /** The z-score of a two-sided 90% band. */
    static final double Z90 = 1.6448536269514722;

    private final Calibration calibration;

    public CalibratedEstimator(Calibration calibration) {
        this.calibration = calibration;
    }

    public Estimate estimate(EstimateRequest request) {
        Hardware hardware = request.hardware();
        Range deviceSeconds;
        Range log10Alpha;
        if (request.deviceHours().isPresent()) {
            deviceSeconds = Range.exactly(request.deviceHours().getAsDouble() * 3600);
            log10Alpha = new Range(Double.NaN, Double.NaN, Double.NaN);
        } else {
            double tflops = calibration.meanTflops(hardware, request.flops().getAsDouble());
            double work = request.flops().getAsDouble() / 1e12;
            deviceSeconds = Range.logBand(work / tflops, calibration.sigmaLnThroughput(), Z90);
            // The paper's curve through this run: the alpha whose mean throughput over the run is the fitted one.
            log10Alpha = new Range(
                ThroughputCurve.log10AlphaForMeanThroughput(work / deviceSeconds.high(), deviceSeconds.high()),
                ThroughputCurve.log10AlphaForMeanThroughput(tflops, deviceSeconds.expected()),
                ThroughputCurve.log10AlphaForMeanThroughput(work / deviceSeconds.low(), deviceSeconds.low()));
        }
        Range watts = Range.logBand(calibration.watts(hardware), calibration.sigmaLnPower(), Z90);
        return Estimate.of(Method.CALIBRATED, request, deviceSeconds, log10Alpha, watts);
    }
}
