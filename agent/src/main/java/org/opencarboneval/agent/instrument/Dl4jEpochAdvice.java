package org.opencarboneval.agent.instrument;

import net.bytebuddy.asm.Advice;
import org.opencarboneval.agent.hook.TrainingHooks;

/**
 * DL4J {@code fit(iterator)} on MultiLayerNetwork and ComputationGraph: one pass over the data, and the model, whose
 * own iteration count says where a resumed run stands.
 */
final class Dl4jEpochAdvice {

    private Dl4jEpochAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object model, @Advice.Argument(0) Object iterator) {
        TrainingHooks.modelEntered(model);
        TrainingHooks.epochEntered(iterator);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
        TrainingHooks.epochExited();
    }
}
