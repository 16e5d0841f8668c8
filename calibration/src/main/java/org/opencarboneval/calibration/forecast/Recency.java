package org.opencarboneval.calibration.forecast;

/**
 * How much a window counts: its device time, discounted by how far back it lies relative to the job's age. A
 * window's weight falls by e for every {@value #SHARE} of {@code now} it lies back. The same discount weighs the
 * forecast's past origins, in work rather than device time ({@link TrackRecord}).
 *
 * @param now the job's device time (or work done)
 */
record Recency(double now) {

    /** Long enough a memory to see the throughput curve's slope and a power transient fading. */
    static final double SHARE = 0.35;

    double factor(Window w) {
        return factorAt(w.middle());
    }

    double factorAt(double deviceSeconds) {
        return Math.exp(-(now - deviceSeconds) / (SHARE * now));
    }

    double weight(Window w) {
        return factor(w) * w.duration();
    }
}
