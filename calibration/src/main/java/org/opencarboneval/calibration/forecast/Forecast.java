package org.opencarboneval.calibration.forecast;

import org.opencarboneval.calibration.Range;

/**
 * The live forecast of a run at one moment. Energies are device-side joules, before PUE; the caller applies PUE and
 * grid intensity.
 *
 * @param progress                work done over total work
 * @param pauseFraction           share of recent device time spent without progress (evaluation, checkpoints)
 * @param remainingDeviceSeconds  device time still needed, pauses included
 * @param remainingEnergyJoules   energy still to be used
 * @param totalEnergyJoules       measured so far plus remaining; the bounds are a 90% interval
 */
public record Forecast(double progress, double pauseFraction, Range remainingDeviceSeconds,
                       Range remainingEnergyJoules, Range totalEnergyJoules) {
}
