package org.opencarboneval.calibration;

/**
 * The range of log10(alpha) for one device. The paper publishes a range for the devices it covers; for the others the
 * range is derived from the device's peak: alpha such that the mean throughput over {@value #REFERENCE_DEVICE_SECONDS}
 * device-seconds is {@value #LOW_PEAK_FRACTION} to {@value #HIGH_PEAK_FRACTION} of peak. That is the span the paper's
 * own ranges imply for the A100, H100 and TPU v4 (see AlphaRangeTest), so derived devices sit on the same footing.
 */
public record AlphaRange(double log10Low, double log10High, boolean fromPaper) {

    static final double REFERENCE_DEVICE_SECONDS = 1e9;
    static final double LOW_PEAK_FRACTION = 0.25;
    static final double HIGH_PEAK_FRACTION = 0.40;

    public AlphaRange {
        if (!(log10Low <= log10High)) {
            throw new IllegalArgumentException("log10(alpha) range must have low <= high, got " + log10Low + ".." + log10High);
        }
    }

    public static AlphaRange derivedFromPeak(double peakTflops) {
        return new AlphaRange(
            ThroughputCurve.log10AlphaForMeanThroughput(LOW_PEAK_FRACTION * peakTflops, REFERENCE_DEVICE_SECONDS),
            ThroughputCurve.log10AlphaForMeanThroughput(HIGH_PEAK_FRACTION * peakTflops, REFERENCE_DEVICE_SECONDS),
            false);
    }
}
