package org.opencarboneval.agent.instrument;

import net.bytebuddy.asm.Advice;
import org.opencarboneval.agent.hook.TrainingHooks;

/** Inlined at the end of the method named by {@code step.method}; counts it when it completed. */
final class UserStepAdvice {

    private UserStepAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Thrown Throwable thrown) {
        if (thrown == null) {
            TrainingHooks.userStep();
        }
    }
}
