package org.opencarboneval.benchmarks.hook;

/**
 * Stands for a framework's optimizer step (DJL {@code Trainer.step}, DL4J's solver {@code optimize}): the method the
 * agent weaves. Its body is as small as a method can be, so the benchmark sees the advice's cost and little else.
 */
public class OptimizerStep implements Step {

    private long steps;

    @Override
    public long step() {
        return ++steps;
    }
}
