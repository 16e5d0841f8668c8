package org.opencarboneval.agent.instrument;

/** A user's training loop with a step method, for {@code step.method} tests. */
public class SampleTrainer {

    private int done;

    public int trainStep(boolean fail) {
        if (fail) {
            throw new IllegalStateException("the user's own failure");
        }
        return ++done;
    }
}
