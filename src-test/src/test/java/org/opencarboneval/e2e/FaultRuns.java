package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencarboneval.e2e.TrainingJvm.DL4J;
import static org.opencarboneval.e2e.TrainingJvm.DL4J_MAIN;

import java.util.List;
import java.util.Map;

/**
 * What every fault test checks: the DL4J example, run with the agent under a fault, exits as it does without the
 * agent, prints exactly what it prints without the agent, and the agent says what went wrong in one line.
 */
final class FaultRuns {

    /** epochs, examples, batch: 600 steps, seconds of training, so faults of the first second land mid-run. */
    static final String[] TRAINING = {"30", "1000", "50"};
    /** Without progress lines and endpoint line, the agent's only lines are about faults. */
    static final String FAULT_LINES_ONLY = "console=false,metrics=false";

    private static String plainOutput;

    private FaultRuns() {
    }

    /** The example's stdout without the agent; run once for all fault tests. */
    static synchronized String plainOutput() throws InterruptedException {
        if (plainOutput == null) {
            TrainingJvm plain = TrainingJvm.startExample("fault-plain", DL4J, DL4J_MAIN, null, TRAINING);
            assertEquals(0, plain.finish(), plain.stderr());
            plainOutput = plain.stdout();
        }
        return plainOutput;
    }

    /** What a fault test does to the training JVM while it runs. */
    @FunctionalInterface
    interface DuringTraining {
        void with(TrainingJvm running) throws Exception;
    }

    /**
     * Trains with the agent to the end and checks exit status and output against the plain run; returns the
     * agent's one line (prefix included).
     */
    static String trainAndGetTheOneAgentLine(String name, String agentArguments, Map<String, String> environment)
            throws Exception {
        List<String> agentLines = trainAndGetTheAgentLines(name, agentArguments, environment, running -> { });
        assertEquals(1, agentLines.size(), "one line from the agent, got:\n" + String.join("\n", agentLines));
        return agentLines.get(0);
    }

    /**
     * Trains with the agent to the end, {@code duringTraining} done to the live JVM, and checks exit status and
     * output against the plain run; returns the agent's lines (prefix included).
     */
    static List<String> trainAndGetTheAgentLines(String name, String agentArguments, Map<String, String> environment,
                                                 DuringTraining duringTraining) throws Exception {
        String plain = plainOutput();
        TrainingJvm run = TrainingJvm.startExample(name, DL4J, DL4J_MAIN, agentArguments, environment, TRAINING);
        duringTraining.with(run);
        assertEquals(0, run.finish(), run.stderr());
        assertEquals(plain, run.stdout(), "the program's output must not change");
        List<String> agentLines = run.stderr().lines().filter(line -> line.contains("opencarboneval")).toList();
        agentLines.forEach(line -> assertTrue(line.startsWith("[opencarboneval] "), line));
        return agentLines;
    }
}
