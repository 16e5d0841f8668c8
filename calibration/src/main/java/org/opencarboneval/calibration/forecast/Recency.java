package org.opencarboneval.calibration.forecast;

/** How much a window counts: its device time, discounted by how far back it lies relative to the job's age. */
record Recency(double now) {

    /** A window's weight falls by e for every this share of the elapsed device time it lies back. */
    static final double E_FOLDING_SHARE = 0.35;

    double factor(Window w) {
        return Math.exp(-(now - w.middle()) / (E_FOLDING_SHARE * now));
    }

    double weight(Window w) {
        return factor(w) * w.duration();
    }
}
