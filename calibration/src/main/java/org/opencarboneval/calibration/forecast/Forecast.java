package org.opencarboneval.calibration.forecast;

import org.opencarboneval.calibration.Range;

/**
 * The live forecast of a run at one moment. Energies are device-side joules, before PUE; the caller applies PUE and
 * grid intensity.
 *
 * @param progress                work done over total work
 * @param throughput              fitted training throughput now, in work units per device-second
 * @param pauseFraction           share of recent device time spent without progress (evaluation, checkpoints)
 * @param remainingDeviceSeconds  device time still needed, pauses included
 * @param remainingEnergyJoules   energy still to be used
 * @param totalEnergyJoules       measured so far plus remaining; the bounds are a 90% interval
 */
public record Forecast(double progress, double throughput, double pauseFraction, Range remainingDeviceSeconds,
                       Range remainingEnergyJoules, Range totalEnergyJoules) {
}
