package org.opencarboneval.calibration;

/** An expected value with lower and upper bounds. */
public record Range(double low, double expected, double high) {

    public static Range exactly(double value) {
        return new Range(value, value, value);
    }

    /** Two estimates from the ends of a parameter range, reported as their mean (the paper's convention). */
    public static Range meanOf(double a, double b) {
        return new Range(Math.min(a, b), (a + b) / 2, Math.max(a, b));
    }

    /** A log-normal band: {@code expected * exp(+-z sigma)}. */
    public static Range logBand(double expected, double sigmaLn, double z) {
        double factor = Math.exp(z * sigmaLn);
        return new Range(expected / factor, expected, expected * factor);
    }

    public Range times(double factor) {
        return new Range(low * factor, expected * factor, high * factor);
    }
}
