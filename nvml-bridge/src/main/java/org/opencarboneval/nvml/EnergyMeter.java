package org.opencarboneval.nvml;

/**
 * The cumulative energy of one device since the sampler opened. Each interval between two samples is counted once:
 * from the energy counter when both ends have a counter reading and it did not go backwards, otherwise by the
 * trapezoid rule on the two power readings, otherwise not at all. A failed counter read keeps the last good one: the
 * counter is cumulative, so the next good read covers the gap, less what power integration already counted there
 * (energy never decreases: an excess is evened out by later counter deltas). A counter that goes backwards restarted
 * (driver reload, GPU reset); its new value becomes the baseline.
 */
final class EnergyMeter {

    private static final double NANOS_PER_SECOND = 1e9;

    private double joules;
    private boolean started;
    private long lastNanos;
    private long lastCounterMillijoules = -1;
    /** Joules counted by power integration since the last good counter reading, which the counter also covers. */
    private double joulesSinceCounter;
    private double lastWatts = Double.NaN;
    private EnergyMethod method = EnergyMethod.UNAVAILABLE;
    private double powerWatts = Double.NaN;

    /**
     * Records one sample.
     *
     * @param counterMillijoules the counter reading, or -1 when the counter gave none
     * @param watts              the power reading, or NaN when there is none
     */
    void update(long counterMillijoules, double watts, long nanos) {
        double seconds = started ? (nanos - lastNanos) / NANOS_PER_SECOND : 0;
        boolean counterRead = counterMillijoules >= 0;
        long counterDelta = counterRead && lastCounterMillijoules >= 0 ? counterMillijoules - lastCounterMillijoules : -1;
        powerWatts = watts;
        if (counterDelta >= 0) {
            double counted = counterDelta / 1000.0 - joulesSinceCounter;
            joules += Math.max(0, counted);
            joulesSinceCounter = Math.max(0, -counted);
            method = EnergyMethod.ENERGY_COUNTER;
            if (!Double.isFinite(watts) && seconds > 0) {
                powerWatts = counterDelta / 1000.0 / seconds;
            }
        } else if (Double.isFinite(watts) && Double.isFinite(lastWatts) && seconds > 0) {
            double integrated = (lastWatts + watts) / 2 * seconds;
            joules += integrated;
            if (!counterRead) {
                joulesSinceCounter += integrated;
            }
            method = counterRead ? EnergyMethod.ENERGY_COUNTER : EnergyMethod.POWER_INTEGRATION;
        } else if (!started) {
            method = counterRead ? EnergyMethod.ENERGY_COUNTER
                : Double.isFinite(watts) ? EnergyMethod.POWER_INTEGRATION : EnergyMethod.UNAVAILABLE;
        }
        if (counterRead && counterDelta < 0) {
            joulesSinceCounter = 0; // a first reading or a restart: a new baseline, nothing counted past it yet
        }
        started = true;
        lastNanos = nanos;
        if (counterRead) {
            lastCounterMillijoules = counterMillijoules;
        }
        lastWatts = watts;
    }

    double joules() {
        return joules;
    }

    /** The method of the latest interval (of the first sample before there is one). */
    EnergyMethod method() {
        return method;
    }

    /** The power reading, or the counter's ΔE/Δt when the device reports no power. */
    double powerWatts() {
        return powerWatts;
    }
}
