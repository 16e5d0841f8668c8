package org.opencarboneval.agent.progress;

import java.util.Optional;

/**
 * Where a DL4J model says its training stands: {@code getIterationCount()} and {@code getEpochCount()}, which DL4J
 * saves with the model and restores from a checkpoint. After a crash, the ledger has counted the steps done since the
 * last checkpoint; the restored model has not, and the job does them again.
 */
record ModelPosition(long iterations, long epochs) {

    /** The model's counts; empty for an object that does not tell them (DJL's trainer, anything else). */
    static Optional<ModelPosition> of(Object model) {
        if (model == null) {
            return Optional.empty();
        }
        long iterations = PublicNumber.of(model, "getIterationCount");
        long epochs = PublicNumber.of(model, "getEpochCount");
        return iterations >= 0 && epochs >= 0 ? Optional.of(new ModelPosition(iterations, epochs)) : Optional.empty();
    }
}
