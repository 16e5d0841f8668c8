package org.opencarboneval.agent.instrument;

import net.bytebuddy.asm.Advice;
import org.opencarboneval.agent.hook.TrainingHooks;

/**
 * DL4J {@code fit(iterator, numEpochs)} on MultiLayerNetwork and ComputationGraph: declares the epoch count, and
 * hands over the model, whose own iteration count says where a resumed run stands.
 */
final class Dl4jFitAdvice {

    private Dl4jFitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object model, @Advice.Argument(0) Object iterator,
                      @Advice.Argument(1) int epochs) {
        TrainingHooks.modelEntered(model);
        TrainingHooks.fitEntered("dl4j", epochs, iterator);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
        TrainingHooks.fitExited();
    }
}
