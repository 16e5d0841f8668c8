package org.opencarboneval.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A forked JVM whose stdout and stderr go to files (nothing blocks on a full pipe), timed from just before the fork
 * to its exit.
 */
public final class ForkedJvm implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Instant launchedAt;
    private final long launchedNanos;

    private ForkedJvm(Process process, Path stdout, Path stderr, Instant launchedAt, long launchedNanos) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.launchedAt = launchedAt;
        this.launchedNanos = launchedNanos;
    }

    /** The output and how long the JVM ran. */
    public record Finished(String stdout, String stderr, Duration wall, Instant launchedAt) {

        /** The number on the program's line {@code <key> <number>} (the last such line). */
        public long printed(String key) {
            return stdout.lines().filter(line -> line.startsWith(key + " ")).reduce((first, second) -> second)
                .map(line -> Long.parseLong(line.substring(key.length() + 1).split(" ")[0]))
                .orElseThrow(() -> new IllegalStateException("no '" + key + "' line in:\n" + stdout));
        }

        /** A figure the probe printed as {@code probe <name> <value>}. */
        public long probe(String name) {
            return printed("probe " + name);
        }
    }

    /** Starts {@code command}; the {@code OCE_*} variables of this environment are not passed on. */
    public static ForkedJvm start(Path directory, String name, List<String> command, Map<String, String> environment) {
        Path out = directory.resolve(name + ".out");
        Path err = directory.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("OCE_"));
        builder.environment().putAll(environment);
        try {
            Instant launchedAt = Instant.now();
            long launchedNanos = System.nanoTime();
            return new ForkedJvm(builder.start(), out, err, launchedAt, launchedNanos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the exit; a non-zero exit or the timeout is an error carrying the JVM's stderr. */
    public Finished await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("no exit within " + timeout + "; stderr:\n" + read(stderr));
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - launchedNanos);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + "; stderr:\n" + read(stderr));
        }
        return new Finished(read(stdout), read(stderr), wall, launchedAt);
    }

    /** Polls stderr until {@code pattern} is found; returns the match. */
    public Matcher awaitStderr(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher matcher = pattern.matcher(read(stderr));
            if (matcher.find()) {
                return matcher;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no " + pattern + " on stderr; it says:\n" + read(stderr));
    }

    public long pid() {
        return process.pid();
    }

    public String stderr() {
        return read(stderr);
    }

    /** Ends the JVM as Ctrl-C would (so the agent writes its end record), forcibly if it does not end. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
