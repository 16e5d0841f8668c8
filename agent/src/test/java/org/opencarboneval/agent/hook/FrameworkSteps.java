package org.opencarboneval.agent.hook;

/** Steps as the framework hooks count them, for tests of what reads the counters. */
public final class FrameworkSteps {

    private FrameworkSteps() {
    }

    public static void train(int count) {
        for (int i = 0; i < count; i++) {
            TrainingHooks.frameworkStep();
        }
    }
}
