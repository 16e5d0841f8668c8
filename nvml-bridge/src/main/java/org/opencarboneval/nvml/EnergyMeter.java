package org.opencarboneval.nvml;

/**
 * The cumulative energy of one device since the sampler opened. Each interval between two samples is counted once:
 * from the energy counter when both ends have a counter reading and it did not go backwards, otherwise by the
 * trapezoid rule on the two power readings, otherwise not at all. A failed counter read keeps the last good one: the
 * counter is cumulative, so the next good read covers the gap, less what power integration already counted there
 * (energy never decreases: an excess is evened out by later counter deltas). A counter that goes backwards either
 * restarted (driver reload, GPU reset) or gave one bad reading; that interval is covered by the power readings, and
 * the next reading tells which: back at or above the old value, the low one was a glitch and the counter counts on
 * from the old value; still below it, the counter restarted, and counts from the low one. Taking a glitch for a
 * restart would count the counter's whole value, the device's energy since the driver loaded, as one interval's.
 */
final class EnergyMeter {

    private static final double NANOS_PER_SECOND = 1e9;

    private double joules;
    private boolean started;
    private long lastNanos;
    private long lastCounterMillijoules = -1;
    /** The counter's value before it went backwards, until the next reading tells a restart from a glitch; else -1. */
    private long beforeBackwards = -1;
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
        long baseline = lastCounterMillijoules;
        if (counterRead && beforeBackwards >= 0) {
            if (counterMillijoules >= beforeBackwards) {
                baseline = beforeBackwards; // the low reading was a glitch: what power counted since is covered
            } else {
                joulesSinceCounter = 0; // a restart: the counter covers only what followed the low reading
            }
            beforeBackwards = -1;
        }
        long counterDelta = counterRead && baseline >= 0 ? counterMillijoules - baseline : -1;
        boolean backwards = counterRead && baseline >= 0 && counterDelta < 0;
        if (backwards) {
            beforeBackwards = baseline;
        }
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
            if (!counterRead || backwards) {
                joulesSinceCounter += integrated;
            }
            method = counterRead ? EnergyMethod.ENERGY_COUNTER : EnergyMethod.POWER_INTEGRATION;
        } else if (!started) {
            method = counterRead ? EnergyMethod.ENERGY_COUNTER
                : Double.isFinite(watts) ? EnergyMethod.POWER_INTEGRATION : EnergyMethod.UNAVAILABLE;
        }
        if (counterRead && baseline < 0) {
            joulesSinceCounter = 0; // a first reading: a baseline, nothing counted past it yet
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
