package org.opencarboneval.calibration;

/**
 * The estimate with fitted figures: device time from the throughput the hardware family achieved on published runs
 * (for a run of this size), energy from the measured power ratio, the datacenter's PUE and the grid's intensity. Bounds
 * are the 90% band of the fit's leave-one-out errors of throughput and power, combined as independent.
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
        DeviceTime time = DeviceTime.measured(request).orElseGet(() -> {
            double flops = request.flops().getAsDouble();
            double work = flops / 1e12;
            return DeviceTime.through(work, Range.logBand(work / calibration.meanTflops(hardware, flops),
                calibration.sigmaLnThroughput(), Z90));
        });
        Range watts = Range.logBand(calibration.watts(hardware), calibration.sigmaLnPower(), Z90);
        return Estimate.of(Method.CALIBRATED, request, time, watts);
    }
}
