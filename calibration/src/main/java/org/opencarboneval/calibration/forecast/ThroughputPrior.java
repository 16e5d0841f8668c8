package org.opencarboneval.calibration.forecast;

import org.opencarboneval.calibration.ThroughputCurve;

/**
 * What the a-priori model expects of the run's throughput, {@code a + b ln t} in work units per second of the
 * forecaster's time axis, used to steady the live fit while it has little data of its own.
 */
public record ThroughputPrior(double a, double b) {

    /**
     * The paper's curve {@code ln(1 + alpha t)} TFLOP/s per device converted to a job that runs {@code devices}
     * devices and is timed in wall-clock seconds: device time is {@code n t}, so at large {@code alpha n t} the job
     * does {@code n k (ln alpha + ln n + ln t)} units per second, with {@code k = 1e12 / flopsPerWork}.
     */
    public static ThroughputPrior fromPaperCurve(ThroughputCurve curve, double flopsPerWork, int devices) {
        double unitsPerSecond = devices * 1e12 / flopsPerWork;
        return new ThroughputPrior(unitsPerSecond * (curve.log10Alpha() * Math.log(10) + Math.log(devices)),
            unitsPerSecond);
    }
}
