package org.opencarboneval.agent.hook;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The only agent class that instrumented application code calls. It lives at the top level of the agent jar, on the
 * system class path, where application class loaders find it and the isolated agent loader is pointed to it, so both
 * see the same class and the same counters.
 *
 * <p>The per-step methods touch only preallocated atomics and an int field: no allocation, nothing that can throw.
 * Rarer events (a fit or an epoch starting) go to a {@link TrainingListener} that the agent core registers.
 */
public final class TrainingHooks {

    /** Optimizer steps seen at the framework hooks (DJL {@code Trainer.step}, DL4J solver {@code optimize}). */
    public static final AtomicLong FRAMEWORK_STEPS = new AtomicLong();
    /** Calls of the method the user named with {@code step.method}. */
    public static final AtomicLong USER_STEPS = new AtomicLong();
    /** Training samples: each framework step adds the batch size known at that moment. */
    public static final AtomicLong SAMPLES = new AtomicLong();
    /** Samples per step as last learnt from the data set or iterator; 0 while unknown. */
    public static volatile int batchSize;

    private static volatile TrainingListener listener = TrainingListener.NONE;

    private TrainingHooks() {
    }

    public static void frameworkStep() {
        FRAMEWORK_STEPS.incrementAndGet();
        SAMPLES.addAndGet(batchSize);
    }

    public static void userStep() {
        USER_STEPS.incrementAndGet();
    }

    public static void setListener(TrainingListener newListener) {
        listener = newListener == null ? TrainingListener.NONE : newListener;
    }

    public static void modelEntered(Object model) {
        try {
            listener.modelEntered(model);
        } catch (Throwable ignored) {
            // see fitEntered
        }
    }

    public static void fitEntered(String framework, int epochs, Object data) {
        try {
            listener.fitEntered(framework, epochs, data);
        } catch (Throwable ignored) {
            // the agent must never disturb training; a failing listener only loses progress information
        }
    }

    public static void fitExited() {
        try {
            listener.fitExited();
        } catch (Throwable ignored) {
            // see fitEntered
        }
    }

    public static void epochEntered(Object data) {
        try {
            listener.epochEntered(data);
        } catch (Throwable ignored) {
            // see fitEntered
        }
    }

    public static void datasetIterated(Object data) {
        try {
            listener.datasetIterated(data);
        } catch (Throwable ignored) {
            // see fitEntered
        }
    }

    public static void epochExited() {
        try {
            listener.epochExited();
        } catch (Throwable ignored) {
            // see fitEntered
        }
    }
}
