package org.opencarboneval.agent.instrument;

import net.bytebuddy.asm.Advice;
import org.opencarboneval.agent.hook.TrainingHooks;

/** Inlined at the end of a framework's optimizer step; counts it when it completed. */
final class FrameworkStepAdvice {

    private FrameworkStepAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Thrown Throwable thrown) {
        if (thrown == null) {
            TrainingHooks.frameworkStep();
        }
    }
}
