package org.opencarboneval.calibration.forecast;

/**
 * How much a window counts: its device time, discounted by how far back it lies relative to the job's age.
 *
 * @param now   the job's device time
 * @param share a window's weight falls by e for every this share of {@code now} it lies back
 */
record Recency(double now, double share) {

    /** For the throughput curve: long enough a memory to see its slope. */
    static final double CURVE_SHARE = 0.35;
    /**
     * For power, a level rather than a curve: a shorter memory, since early windows run hot with work that stops
     * (JIT compilation, allocation of caches) and the recent power is what the rest of the run draws.
     */
    static final double POWER_SHARE = 0.15;

    static Recency forCurve(double now) {
        return new Recency(now, CURVE_SHARE);
    }

    static Recency forPower(double now) {
        return new Recency(now, POWER_SHARE);
    }

    double factor(Window w) {
        return Math.exp(-(now - w.middle()) / (share * now));
    }

    double weight(Window w) {
        return factor(w) * w.duration();
    }
}
