package org.opencarboneval.benchmarks.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the agent's own threads in this JVM, read through the platform MXBean: a direct measure of what the
 * agent takes from the job, free of the run-to-run noise of timing the training itself.
 */
final class AgentThreads {

    /** The agent names its threads (sampler, exporter, start-up); the Prometheus client's HTTP threads serve scrapes. */
    private static final String[] PREFIXES = {"opencarboneval", "prometheus-http"};

    private AgentThreads() {
    }

    /** Total CPU time so far of the agent threads alive now. */
    static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (isAgents(thread.getName())) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return total;
    }

    private static boolean isAgents(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
