package org.opencarboneval.calibration.forecast;

/**
 * A model's expected cost per unit of the work ahead, as a function of how much work is ahead: constant for the
 * means of the past, falling for a throughput curve that still rises.
 */
@FunctionalInterface
interface CostAhead {

    /** The mean cost of the next {@code work} units of work. */
    Cost over(double work);

    static CostAhead constant(Cost cost) {
        return work -> cost;
    }
}
