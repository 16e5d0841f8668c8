package org.opencarboneval.agent.instrument;

import net.bytebuddy.asm.Advice;
import org.opencarboneval.agent.hook.TrainingHooks;

/** DJL {@code Trainer.iterateDataset(dataset)}: called once per epoch for the training data. */
final class DjlDatasetAdvice {

    private DjlDatasetAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object dataset) {
        TrainingHooks.datasetIterated(dataset);
    }
}
