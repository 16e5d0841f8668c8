package org.opencarboneval.agent.runtime;

import java.util.Optional;

import org.opencarboneval.calibration.Range;

/**
 * The live forecast a snapshot carries: what the run will have used when it ends (measured so far plus the
 * forecast remainder), each with its 90% interval.
 *
 * @param totalEnergyJoules   device energy, before PUE
 * @param totalEmissionsGrams CO2e: energy x PUE x the grid intensity forecast over the remaining time
 * @param remainingSeconds    wall-clock time to the end, pauses included
 * @param pauseFraction       share of recent time without progress (evaluation, checkpoints)
 * @param greenerStart        the remaining work's CO2e if started at the greenest moment of the intensity forecast;
 *                            empty without a forecast of the grid
 */
public record RunForecast(Range totalEnergyJoules, Range totalEmissionsGrams, Range remainingSeconds,
        double pauseFraction, Optional<GreenerStart> greenerStart) {

    public RunForecast(Range totalEnergyJoules, Range totalEmissionsGrams, Range remainingSeconds,
            double pauseFraction) {
        this(totalEnergyJoules, totalEmissionsGrams, remainingSeconds, pauseFraction, Optional.empty());
    }

    /**
     * Carbon-aware advice: start the remaining work {@code delaySeconds} from now and it emits {@code remainingGrams}
     * instead of {@code remainingGramsNow} (both expected values, PUE included).
     */
    public record GreenerStart(double delaySeconds, double remainingGrams, double remainingGramsNow) {
    }
}
