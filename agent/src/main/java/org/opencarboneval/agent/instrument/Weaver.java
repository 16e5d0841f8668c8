package org.opencarboneval.agent.instrument;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * Inlines advice into one class file with Byte Buddy, changing method bodies only, so the result is also valid for
 * retransforming an already loaded class. Used directly from {@link TargetTransformer} instead of Byte Buddy's
 * {@code AgentBuilder}, whose installation matches every class and costs hundreds of milliseconds before {@code main}.
 */
final class Weaver {

    private final ByteBuddy byteBuddy = new ByteBuddy()
        .with(TypeValidation.DISABLED)
        .with(Implementation.Context.Disabled.Factory.INSTANCE)
        .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
        .with(InstrumentedType.Factory.Default.FROZEN);
    private final Map<Class<?>, Advice> advice = new ConcurrentHashMap<>();

    byte[] weave(String className, ClassLoader loader, byte[] classFile, List<Target> targets) {
        ClassFileLocator locator = new ClassFileLocator.Compound(
            ClassFileLocator.Simple.of(className, classFile), ClassFileLocator.ForClassLoader.of(loader));
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        TypeDescription type = pool.describe(className).resolve();
        DynamicType.Builder<?> builder = byteBuddy.redefine(type, locator);
        for (Target target : targets) {
            builder = builder.visit(advice.computeIfAbsent(target.advice(), Advice::to).on(target.methods().get()));
        }
        return builder.make(pool).getBytes();
    }

    /** Weaves a class of the agent's own, so Byte Buddy's classes are loaded before the first real target. */
    void warmUp() {
        String name = WarmUpSubject.class.getName();
        byte[] classFile = ClassFileLocator.ForClassLoader.read(WarmUpSubject.class);
        weave(name, WarmUpSubject.class.getClassLoader(), classFile,
            List.of(new Target(name, () -> net.bytebuddy.matcher.ElementMatchers.named("step"),
                FrameworkStepAdvice.class)));
    }

    /** The class {@link #warmUp} weaves; never loaded with the advice. */
    static final class WarmUpSubject {
        void step() {
        }
    }
}
