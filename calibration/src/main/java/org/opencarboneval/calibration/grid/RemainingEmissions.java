package org.opencarboneval.calibration.grid;

import java.time.Instant;

import org.opencarboneval.calibration.CalibratedEstimator;
import org.opencarboneval.calibration.Range;

/**
 * The CO2e of a run's remaining energy under a time-varying grid: the energy is spread evenly over the remaining time
 * and each part costs the intensity the timeline gives its moment (beyond the horizon, the latest value or, for a
 * timeline {@linkplain IntensityTimeline#repeatingItsLastDay repeating its last day}, the daily cycle). Each bound
 * pairs the energy bound with the time bound of the same side (less work takes less time). The interval then widens by
 * the intensity forecast's own error, combined in quadrature with the energy's on the log scale (the two errors are
 * independent), for the share of the window that rests on forecasts.
 */
public final class RemainingEmissions {

    private RemainingEmissions() {
    }

    /**
     * @param fallbackGramsPerKwh the intensity where the timeline knows nothing (the yearly table value)
     * @param sigmaLn             the intensity forecast's relative error ({@link ForecastSkill#sigmaLn})
     */
    public static Range grams(Range energyJoules, Range seconds, double pue, IntensityTimeline timeline, Instant now,
            double fallbackGramsPerKwh, double sigmaLn) {
        double low = cost(energyJoules.low(), timeline.mean(now, seconds.low(), fallbackGramsPerKwh), pue);
        IntensityTimeline.Window window = timeline.mean(now, seconds.expected(), fallbackGramsPerKwh);
        double expected = cost(energyJoules.expected(), window, pue);
        double high = cost(energyJoules.high(), timeline.mean(now, seconds.high(), fallbackGramsPerKwh), pue);
        if (!(expected > 0)) {
            return new Range(Math.min(low, expected), expected, Math.max(high, expected));
        }
        double intensityWidth = CalibratedEstimator.Z90 * sigmaLn * window.forecastShare();
        double below = Math.hypot(Math.max(0, Math.log(expected / Math.max(Math.min(low, high), Double.MIN_NORMAL))),
            intensityWidth);
        double above = Math.hypot(Math.max(0, Math.log(Math.max(low, high) / expected)), intensityWidth);
        return new Range(expected * Math.exp(-below), expected, expected * Math.exp(above));
    }

    /** Grams of CO2e for this much device energy (PUE adds the datacenter's overhead) at a window's mean. */
    public static double cost(double joules, IntensityTimeline.Window window, double pue) {
        return joules / 3.6e6 * pue * window.meanGramsPerKwh();
    }
}
