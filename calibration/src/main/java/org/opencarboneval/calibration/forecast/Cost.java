package org.opencarboneval.calibration.forecast;

/**
 * What each further unit of work is expected to cost: device-seconds and joules, pauses (evaluation passes,
 * checkpoints) included at their share.
 */
record Cost(double secondsPerWork, double joulesPerWork) {

    double of(Quantity quantity) {
        return quantity == Quantity.TIME ? secondsPerWork : joulesPerWork;
    }

    /** The mean cost of the work done between two cumulative points; null when no work was done between them. */
    static Cost between(ProgressPoint from, ProgressPoint to) {
        double work = to.work() - from.work();
        if (!(work > 0)) {
            return null;
        }
        return new Cost((to.deviceSeconds() - from.deviceSeconds()) / work,
            (to.energyJoules() - from.energyJoules()) / work);
    }
}
