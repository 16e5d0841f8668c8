package org.opencarboneval.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A transformer that costs one hash lookup for every class but the few targets, so it can be installed synchronously
 * in {@code premain} and no training step is ever missed. Byte Buddy runs only when a target class loads; its classes
 * are warmed up in the background ({@link #warmUpInBackground}) so that first weave is quick.
 */
public final class TargetTransformer implements ClassFileTransformer {

    /** Far above the warm-up's half second; past it a target is woven anyway, the warm-up be as it may. */
    private static final long WARM_UP_WAIT_SECONDS = 10;

    private static volatile WarmUp warmUp;

    private final Targets targets;
    private final Consumer<String> warnings;
    private final AtomicBoolean warned = new AtomicBoolean();

    public TargetTransformer(Targets targets, Consumer<String> warnings) {
        this.targets = targets;
        this.warnings = warnings;
    }

    /** Adds this transformer, then retransforms the targets already loaded (when attaching to a running JVM). */
    public void install(Instrumentation instrumentation) throws UnmodifiableClassException {
        instrumentation.addTransformer(this, true);
        Class<?>[] loaded = java.util.Arrays.stream(instrumentation.getAllLoadedClasses())
            .filter(type -> targets.classNames().contains(type.getName()))
            .filter(instrumentation::isModifiableClass)
            .toArray(Class<?>[]::new);
        if (loaded.length > 0) {
            instrumentation.retransformClasses(loaded);
        }
    }

    public static Thread warmUpInBackground() {
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                Lazy.WEAVER.warmUp();
            } finally {
                done.countDown();
            }
        }, "opencarboneval-warm-up");
        thread.setDaemon(true);
        warmUp = new WarmUp(thread, done);
        thread.start();
        return thread;
    }

    /** The warm-up's thread, and its end. */
    private record WarmUp(Thread thread, CountDownLatch done) {
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        if (internalName == null) {
            return null;
        }
        String className = internalName.replace('/', '.');
        List<Target> matching = targets.forClass(className);
        if (matching.isEmpty()) {
            return null;
        }
        try {
            awaitWarmUp();
            return Lazy.WEAVER.weave(className, loader, classFile, matching);
        } catch (Throwable failure) {
            if (warned.compareAndSet(false, true)) {
                warnings.accept("cannot instrument " + className + ", its steps are not counted: " + failure);
            }
            return null;
        }
    }

    /**
     * A target that loads while Byte Buddy warms up is woven after it: two threads initializing Byte Buddy's classes
     * at once can wait for each other forever in their static initializers (unseen by the JVM's deadlock detection).
     * The warm-up holds nothing the application may hold, so waiting for it cannot close a cycle.
     */
    private static void awaitWarmUp() {
        WarmUp current = warmUp;
        if (current == null || current.thread() == Thread.currentThread()) {
            return;
        }
        try {
            current.done().await(WARM_UP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // the application's to handle; the class is woven all the same
        }
    }

    /** Holds the weaver so that Byte Buddy loads only when first needed. */
    private static final class Lazy {
        static final Weaver WEAVER = new Weaver();
    }
}
