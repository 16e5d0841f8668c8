package org.opencarboneval.agent.ledger;

/**
 * The steps a run has trained by each of its samples, read in order: the ledger's {@code steps_trained} where the
 * agent wrote it, else the run's steps plus every drop its samples saw (a restore from a checkpoint redoes the steps
 * since it, and older ledgers tell only the drops their samples caught).
 */
final class TrainedSteps {

    private long redone;
    private long previousSteps = Long.MIN_VALUE;

    /** The steps trained by this sample, the next of the run's. */
    long at(LedgerSample sample) {
        if (sample.steps() < previousSteps) {
            redone += previousSteps - sample.steps();
        }
        previousSteps = sample.steps();
        return Math.max(sample.stepsTrained(), sample.steps() + redone);
    }
}
