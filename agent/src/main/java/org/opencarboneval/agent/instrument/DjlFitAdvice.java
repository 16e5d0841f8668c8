package org.opencarboneval.agent.instrument;

import net.bytebuddy.asm.Advice;
import org.opencarboneval.agent.hook.TrainingHooks;

/** DJL {@code EasyTrain.fit(trainer, numEpoch, trainingDataset, validateDataset)}: epochs and the training data. */
final class DjlFitAdvice {

    private DjlFitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(1) int epochs, @Advice.Argument(2) Object trainingData) {
        TrainingHooks.fitEntered("djl", epochs, trainingData);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
        TrainingHooks.fitExited();
    }
}
