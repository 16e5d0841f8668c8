package org.opencarboneval.benchmarks.hook;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.matcher.ElementMatchers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.opencarboneval.agent.hook.TrainingHooks;
import org.opencarboneval.agent.progress.TrainingProgress;

/**
 * The per-step hook as training code runs it: {@link OptimizerStep#step()} with the agent's own
 * {@code FrameworkStepAdvice} inlined by Byte Buddy, against the same method unwoven. The hook's cost is the
 * difference (target: under 50 ns). {@code listener=agent} installs the agent's {@link TrainingProgress}, as a running
 * agent does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class StepHookBenchmark {

    /** Package-private in the agent, so named rather than referenced. */
    private static final String ADVICE = "org.opencarboneval.agent.instrument.FrameworkStepAdvice";

    @Param({"none", "agent"})
    public String listener;

    private Step plain;
    private Step woven;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        TrainingHooks.setListener("agent".equals(listener)
            ? new TrainingProgress(false, OptionalLong.empty(), OptionalLong.empty()) : null);
        TrainingHooks.batchSize = 32;
        plain = new OptimizerStep();
        woven = weave();
        long before = TrainingHooks.FRAMEWORK_STEPS.get();
        woven.step();
        if (TrainingHooks.FRAMEWORK_STEPS.get() != before + 1) {
            throw new IllegalStateException("the woven step did not reach the hook");
        }
    }

    @Benchmark
    public long stepWithoutHook() {
        return plain.step();
    }

    @Benchmark
    public long stepWithHook() {
        return woven.step();
    }

    /** A copy of OptimizerStep in a child-first loader, woven as the agent weaves a framework's step method. */
    private static Step weave() throws ReflectiveOperationException {
        Class<?> advice = Class.forName(ADVICE, false, StepHookBenchmark.class.getClassLoader());
        return new ByteBuddy().redefine(OptimizerStep.class)
            .visit(Advice.to(advice).on(ElementMatchers.named("step")))
            .make()
            .load(StepHookBenchmark.class.getClassLoader(), ClassLoadingStrategy.Default.CHILD_FIRST)
            .getLoaded().asSubclass(Step.class)
            .getDeclaredConstructor().newInstance();
    }
}
