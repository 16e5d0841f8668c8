package org.opencarboneval.calibration.forecast;

/**
 * One cumulative observation of a running job.
 *
 * @param deviceSeconds device time so far, summed over the devices the job uses
 * @param work          training work done so far, in the run's own unit (optimizer steps, samples or FLOP)
 * @param energyJoules  energy measured so far (before PUE)
 * @param epochs        epochs (or other recurring blocks of work) completed so far; 0 where they are not counted
 */
public record ProgressPoint(double deviceSeconds, double work, double energyJoules, long epochs) {

    /** An observation of a job whose epochs are not counted. */
    public ProgressPoint(double deviceSeconds, double work, double energyJoules) {
        this(deviceSeconds, work, energyJoules, 0);
    }

    /** The cumulative {@code quantity} at this point. */
    double of(Quantity quantity) {
        return quantity == Quantity.TIME ? deviceSeconds : energyJoules;
    }
}
