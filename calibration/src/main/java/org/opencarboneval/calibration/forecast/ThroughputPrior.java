package org.opencarboneval.calibration.forecast;

import org.opencarboneval.calibration.ThroughputCurve;

/**
 * What the a-priori model expects of the run's throughput, {@code a + b ln t} in work units per device-second,
 * used to steady the live fit while it has little data of its own.
 */
public record ThroughputPrior(double a, double b) {

    /**
     * The paper's curve {@code ln(1 + alpha t)} TFLOP/s converted to the run's units: at large {@code alpha t} it is
     * {@code ln alpha + ln t}, so with {@code flopsPerWork} FLOP per unit of work, {@code a = ln(alpha) k} and
     * {@code b = k} where {@code k = 1e12 / flopsPerWork}.
     */
    public static ThroughputPrior fromPaperCurve(ThroughputCurve curve, double flopsPerWork) {
        double unitsPerTflop = 1e12 / flopsPerWork;
        return new ThroughputPrior(curve.log10Alpha() * Math.log(10) * unitsPerTflop, unitsPerTflop);
    }
}
