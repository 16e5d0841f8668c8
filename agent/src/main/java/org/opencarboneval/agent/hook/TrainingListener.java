package org.opencarboneval.agent.hook;

/**
 * Training events coarser than a step, delivered from instrumented framework code. {@code data} is the framework's
 * data set or iterator object, inspected reflectively by the agent core because this interface sits on the bootstrap
 * class path and cannot name framework types.
 */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * A DL4J model is about to train ({@code fit} on MultiLayerNetwork or ComputationGraph), before the matching
     * {@link #fitEntered} or {@link #epochEntered}: it keeps its own count of iterations and epochs, which a checkpoint
     * restores with it.
     */
    default void modelEntered(Object model) {
    }

    /** A training loop that declares its epoch count began (DJL {@code EasyTrain.fit}, DL4J {@code fit(it, n)}). */
    default void fitEntered(String framework, int epochs, Object data) {
    }

    default void fitExited() {
    }

    /** One pass over the training data began (DL4J {@code fit(iterator)}); nested calls are the same pass. */
    default void epochEntered(Object data) {
    }

    default void epochExited() {
    }

    /**
     * DJL's trainer began iterating a data set ({@code Trainer.iterateDataset}): once per epoch for the training data,
     * also for validation data. There is no matching exit; the next call or the end of the fit closes the pass.
     */
    default void datasetIterated(Object data) {
    }
}
