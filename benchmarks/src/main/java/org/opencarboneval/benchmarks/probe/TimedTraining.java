package org.opencarboneval.benchmarks.probe;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs in the training JVM in front of an example's main, since the examples do not time themselves:
 * {@code TimedTraining <main class> <warm-up args, comma-separated> <args...>}. The warm-up call loads the natives,
 * compiles the training loop and gives the agent time to finish starting in the background; the second call is
 * timed, and the CPU time the agent's threads took meanwhile. Then, after full collections, the heap in use. The
 * figures go to stdout after the example's own lines as {@code probe <name> <value>}.
 */
public final class TimedTraining {

    /** After the warm-up: the agent's background start (sensors, endpoint) ends well within this on 2 cores. */
    private static final long SETTLE_MILLIS = 2_000;

    private TimedTraining() {
    }

    public static void main(String[] args) throws Exception {
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) args[1].split(","));
        Thread.sleep(SETTLE_MILLIS);
        long agentCpuBefore = AgentThreads.cpuNanos();
        long start = System.nanoTime();
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        long trainingNanos = System.nanoTime() - start;
        System.out.println("probe training_ns " + trainingNanos);
        System.out.println("probe agent_cpu_ns " + (AgentThreads.cpuNanos() - agentCpuBefore));
        HeapProbe.printHeapInUse();
    }
}
