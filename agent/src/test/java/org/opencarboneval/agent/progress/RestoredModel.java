package org.opencarboneval.agent.progress;

/** Like DL4J's MultiLayerNetwork: its own counts, restored with it from a checkpoint. */
public final class RestoredModel {
    private final int iterations;
    private final int epochs;

    public RestoredModel(int iterations, int epochs) {
        this.iterations = iterations;
        this.epochs = epochs;
    }

    public int getIterationCount() {
        return iterations;
    }

    public int getEpochCount() {
        return epochs;
    }
}
