package org.opencarboneval.agent.runtime;

import org.opencarboneval.calibration.Range;

/**
 * The live forecast a snapshot carries: what the run will have used when it ends (measured so far plus the
 * forecast remainder), each with its 90% interval.
 *
 * @param totalEnergyJoules   device energy, before PUE
 * @param totalEmissionsGrams CO2e: energy x PUE x grid intensity
 * @param remainingSeconds    wall-clock time to the end, pauses included
 * @param pauseFraction       share of recent time without progress (evaluation, checkpoints)
 */
public record RunForecast(Range totalEnergyJoules, Range totalEmissionsGrams, Range remainingSeconds,
        double pauseFraction) {
}
