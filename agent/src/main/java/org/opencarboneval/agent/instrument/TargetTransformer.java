package org.opencarboneval.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A transformer that costs one hash lookup for every class but the few targets, so it can be installed synchronously
 * in {@code premain} and no training step is ever missed. Byte Buddy runs only when a target class loads; its classes
 * are warmed up in the background ({@link #warmUpInBackground}) so that first weave is quick.
 */
public final class TargetTransformer implements ClassFileTransformer {

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
        Thread thread = new Thread(() -> Lazy.WEAVER.warmUp(), "opencarboneval-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
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
            return Lazy.WEAVER.weave(className, loader, classFile, matching);
        } catch (Throwable failure) {
            if (warned.compareAndSet(false, true)) {
                warnings.accept("cannot instrument " + className + ", its steps are not counted: " + failure);
            }
            return null;
        }
    }

    /** Holds the weaver so that Byte Buddy loads only when first needed. */
    private static final class Lazy {
        static final Weaver WEAVER = new Weaver();
    }
}
