package org.opencarboneval.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Whether the machine is quiet enough to time anything: on a shared 2-core box, another build running beside a
 * measurement makes its figures worthless. Quiet means a 1-minute load average under 0.8 and no other JVM.
 */
public final class MachineState {

    private static final double QUIET_LOAD = 0.8;
    private static final Duration POLL = Duration.ofSeconds(30);

    private MachineState() {
    }

    /** e.g. {@code load 0.31, no other JVM}. */
    public static String describe() {
        List<String> others = otherJvms();
        return String.format(Locale.ROOT, "load %.2f, %s", loadAverage(),
            others.isEmpty() ? "no other JVM" : "other JVMs: " + String.join("; ", others));
    }

    /**
     * Waits (polling every 30 s, at most {@code patience}) until the machine is quiet; returns false when it never
     * was, and the caller says so beside its figures.
     */
    public static boolean awaitQuiet(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            boolean quiet = loadAverage() < QUIET_LOAD && otherJvms().isEmpty();
            System.out.println("machine: " + describe() + (quiet ? " (quiet)" : " (busy)"));
            if (quiet || System.nanoTime() + POLL.toNanos() > deadline) {
                return quiet;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> otherJvms() {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
            .filter(p -> p.pid() != self)
            .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
            .map(p -> p.pid() + " " + p.info().arguments().map(a -> String.join(" ", a)).orElse("").lines()
                .findFirst().orElse(""))
            .map(line -> line.length() > 100 ? line.substring(0, 100) + "..." : line)
            .toList();
    }
}
