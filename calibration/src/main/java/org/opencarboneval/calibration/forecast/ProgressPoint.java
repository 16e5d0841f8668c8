package org.opencarboneval.calibration.forecast;

/**
 * One cumulative observation of a running job.
 *
 * @param deviceSeconds device time so far, summed over the devices the job uses
 * @param work          training work done so far, in the run's own unit (optimizer steps, samples or FLOP)
 * @param energyJoules  energy measured so far (before PUE)
 */
public record ProgressPoint(double deviceSeconds, double work, double energyJoules) {
}
