package org.opencarboneval.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of the agent's threads in another JVM, from {@code /proc/<pid>/task/<tid>/stat}: what serving the
 * scrapes (the Prometheus client's HTTP threads) and sampling (the agent's named threads) cost the training process.
 * Linux only; clock ticks of 10 ms, fine over phases of seconds.
 */
final class AgentCpu {

    /** Thread names as the kernel keeps them, cut to 15 characters. */
    private static final String[] PREFIXES = {"opencarboneval", "prometheus-http"};
    private static final double SECONDS_PER_TICK = 0.01;

    private AgentCpu() {
    }

    /** User plus system CPU seconds so far of the agent's threads alive now in process {@code pid}. */
    static double seconds(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.mapToDouble(AgentCpu::agentThreadSeconds).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double agentThreadSeconds(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            if (Stream.of(PREFIXES).noneMatch(name::startsWith)) {
                return 0;
            }
            // after "pid (comm) ": state is field 3, utime 14 and stime 15 (proc(5))
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * SECONDS_PER_TICK;
        } catch (NoSuchFileException ended) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
