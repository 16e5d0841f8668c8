package org.opencarboneval.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.opencarboneval.agent.config.StepMethod;

/**
 * The classes the agent instruments, by name. The per-step hooks are the ones measured to count exactly one call per
 * optimizer step: DJL {@code Trainer.step}, DL4J {@code StochasticGradientDescent.optimize} (DL4J's
 * {@code fit(DataSet)} is not on the per-iteration path when training from an iterator).
 */
public final class Targets {

    private static final String DL4J_ITERATOR = "org.nd4j.linalg.dataset.api.iterator.DataSetIterator";
    private static final String DL4J_MULTI_ITERATOR = "org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator";
    private static final List<String> DL4J_MODELS = List.of(
        "org.deeplearning4j.nn.multilayer.MultiLayerNetwork", "org.deeplearning4j.nn.graph.ComputationGraph");

    private final Map<String, List<Target>> byClass;

    private Targets(List<Target> targets) {
        this.byClass = targets.stream().collect(Collectors.groupingBy(Target::className));
    }

    /**
     * The framework hooks, plus the user's step method when one is named; then the user's method alone counts steps
     * and the framework hooks still report epochs and data sizes.
     */
    public static Targets of(Optional<StepMethod> userStep) {
        List<Target> targets = new ArrayList<>();
        if (userStep.isPresent()) {
            String method = userStep.get().methodName();
            targets.add(new Target(userStep.get().className(), () -> named(method), UserStepAdvice.class));
        } else {
            targets.add(new Target("ai.djl.training.Trainer", () -> named("step").and(takesArguments(0)),
                FrameworkStepAdvice.class));
            targets.add(new Target("org.deeplearning4j.optimize.solvers.StochasticGradientDescent",
                () -> named("optimize").and(takesArguments(1)), FrameworkStepAdvice.class));
        }
        targets.add(new Target("ai.djl.training.EasyTrain", () -> named("fit").and(takesArguments(4)),
            DjlFitAdvice.class));
        targets.add(new Target("ai.djl.training.Trainer", () -> named("iterateDataset").and(takesArguments(1)),
            DjlDatasetAdvice.class));
        for (String model : DL4J_MODELS) {
            targets.add(new Target(model, () -> named("fit").and(takesArguments(2))
                .and(takesArgument(0, namedOneOf(DL4J_ITERATOR, DL4J_MULTI_ITERATOR)))
                .and(takesArgument(1, int.class)), Dl4jFitAdvice.class));
            targets.add(new Target(model, () -> named("fit").and(takesArguments(1))
                .and(takesArgument(0, namedOneOf(DL4J_ITERATOR, DL4J_MULTI_ITERATOR))), Dl4jEpochAdvice.class));
        }
        return new Targets(targets);
    }

    /** The instrumentations of the class with this binary name; empty for every other class. */
    List<Target> forClass(String className) {
        return byClass.getOrDefault(className, List.of());
    }

    Set<String> classNames() {
        return byClass.keySet();
    }
}
