package org.opencarboneval.calibration;

/**
 * The estimate with fitted figures: the paper's device time corrected by the shift the published runs support (or
 * the throughput the user's own runs measured on this hardware), energy from the measured power, the datacenter's
 * PUE and the grid's intensity. The device-time band is the fit's leave-one-out error band; the power band is the
 * 90% band of its leave-one-out spread, and the two combine as independent.
 */
public final class CalibratedEstimator {

    /** The z-score of a two-sided 90% band. */
    public static final double Z90 = 1.6448536269514722;

    private final Calibration calibration;

    public CalibratedEstimator(Calibration calibration) {
        this.calibration = calibration;
    }

    public Estimate estimate(EstimateRequest request) {
        Hardware hardware = request.hardware();
        DeviceTime time = DeviceTime.measured(request).orElseGet(() -> {
            double flops = request.flops().getAsDouble();
            return DeviceTime.through(flops / 1e12, calibration.deviceSeconds(hardware, flops));
        });
        Range watts = Range.logBand(calibration.watts(hardware), calibration.sigmaLnPower(), Z90);
        return Estimate.of(Method.CALIBRATED, request, time, watts);
    }
}
