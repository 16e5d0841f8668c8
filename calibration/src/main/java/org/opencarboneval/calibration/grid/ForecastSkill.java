package org.opencarboneval.calibration.grid;

import java.time.Instant;

/**
 * How far the grid's intensity forecasts have been from the values later reported for the same slots: the root mean
 * square of {@code ln(actual / forecast)}, bias included. Until the run has {@link #OWN_RECORD} such pairs it is
 * {@link #PRIOR_SIGMA_LN}. Thread-safe: the poller adds pairs while the sampling thread reads.
 */
public final class ForecastSkill {

    /**
     * The UK NESO national forecast's mean absolute percentage error, 7.1% over September 2017 to March 2023
     * (N. Powell, "Carbon Intensity Forecast Tracking", nickmp.com/posts/carbon-intensity-forecast-tracking), taken as
     * a normal error: sigma = MAPE x sqrt(pi / 2) = 0.089. The only published skill figure found for a provider.
     */
    public static final double PRIOR_SIGMA_LN = 0.071 * Math.sqrt(Math.PI / 2);
    /** Pairs the run needs before its own record replaces the prior. */
    public static final int OWN_RECORD = 4;

    private Instant latestSlot = Instant.MIN;
    private double sumOfSquares;
    private int pairs;

    /** One slot's forecast and its later actual value; a slot not after the latest one paired is not counted twice. */
    public synchronized void add(Instant slot, double forecastGramsPerKwh, double actualGramsPerKwh) {
        if (!slot.isAfter(latestSlot) || !(forecastGramsPerKwh > 0) || !(actualGramsPerKwh > 0)
                || !Double.isFinite(forecastGramsPerKwh) || !Double.isFinite(actualGramsPerKwh)) {
            return;
        }
        latestSlot = slot;
        double error = Math.log(actualGramsPerKwh / forecastGramsPerKwh);
        sumOfSquares += error * error;
        pairs++;
    }

    /** Pairs the forecasts of {@code earlier} with the actual values {@code later} reports for the same slots. */
    public void compare(IntensityTimeline earlier, IntensityTimeline later) {
        for (IntensityTimeline.Point actual : later.points()) {
            if (actual.kind() == IntensityTimeline.Kind.ACTUAL) {
                earlier.at(actual.from())
                    .filter(f -> f.kind() == IntensityTimeline.Kind.FORECAST && f.from().equals(actual.from()))
                    .ifPresent(f -> add(actual.from(), f.gramsPerKwh(), actual.gramsPerKwh()));
            }
        }
    }

    /** The relative error (log scale) of an intensity forecast. */
    public synchronized double sigmaLn() {
        return pairs >= OWN_RECORD ? Math.sqrt(sumOfSquares / pairs) : PRIOR_SIGMA_LN;
    }

    public synchronized int pairs() {
        return pairs;
    }
}
