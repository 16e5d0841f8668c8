package org.opencarboneval.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A forked JVM running one of the examples (or the agent's command line), with stdout and stderr going to files so
 * the test can read them while it runs and nothing blocks on a full pipe.
 */
final class TrainingJvm {

    static final Path AGENT_JAR = Path.of(System.getProperty("oce.e2e.agentJar"));
    static final Path EXAMPLES = Path.of(System.getProperty("oce.e2e.examples"));
    static final Path WORK = Path.of(System.getProperty("oce.e2e.work"));
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    static final String DL4J = "dl4j";
    static final String DL4J_MAIN = "org.opencarboneval.examples.dl4j.Dl4jTraining";
    static final String DL4J_CHECKPOINTED_MAIN = "org.opencarboneval.examples.dl4j.Dl4jCheckpointedTraining";
    static final String DJL = "djl";
    static final String DJL_MAIN = "org.opencarboneval.examples.djl.OwnLibrariesTraining";

    /**
     * DL4J arguments (epochs, examples, batch size) for 3200 steps: several seconds even on a fast machine, so a
     * forecast exists well before the run ends (the forecaster waits for four observations). 320 steps took 1.5 s on
     * CI and ended before the first forecast.
     */
    static String[] forecastedTraining() {
        return new String[] {"80", "2000", "50"};
    }

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private TrainingJvm(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code main} of the example with its own class path, with the agent when {@code agentArguments} is set. */
    static TrainingJvm startExample(String name, String example, String main, String agentArguments, String... args) {
        return startExample(name, example, main, agentArguments, Map.of(), args);
    }

    /** As above, with these variables added to the environment (e.g. the NVML stand-in's script). */
    static TrainingJvm startExample(String name, String example, String main, String agentArguments,
            Map<String, String> environment, String... args) {
        return start(name, exampleCommand(example, main, agentArguments, args), environment);
    }

    /**
     * As above, but the JVM starts only once the file {@code gate} exists: a shell waits for it and then execs the
     * JVM in its own place, so the JVM's pid ({@link #pid}) is known before it runs (to script the NVML stand-in's
     * process lists with it, say).
     */
    static TrainingJvm startExampleAt(Path gate, String name, String example, String main, String agentArguments,
            Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", "-c",
            "while [ ! -e \"$0\" ]; do sleep 0.05; done; exec \"$@\"", gate.toString()));
        command.addAll(exampleCommand(example, main, agentArguments, args));
        return start(name, command, environment);
    }

    private static List<String> exampleCommand(String example, String main, String agentArguments, String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        if (agentArguments != null) {
            command.add("-javaagent:" + AGENT_JAR + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
        }
        command.addAll(List.of("-cp", classpath(example), main));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code java -jar opencarboneval-agent.jar <args>}. */
    static TrainingJvm startCli(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar", AGENT_JAR.toString()));
        command.addAll(List.of(args));
        return start(name, command, Map.of());
    }

    /** Another program of the test's JDK, e.g. {@code jfr}, with its output in files as a training JVM's. */
    static TrainingJvm startJdkTool(String name, String tool, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", tool)
            .toString()));
        command.addAll(List.of(args));
        return start(name, command, Map.of());
    }

    /** A work file that does not exist yet: one left by an earlier run of the tests is deleted. */
    static Path freshWorkFile(String name) {
        Path file = workFile(name);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Path workFile(String name) {
        try {
            Files.createDirectories(WORK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return WORK.resolve(name);
    }

    private static TrainingJvm start(String name, List<String> command, Map<String, String> environment) {
        Path out = workFile(name + ".out");
        Path err = workFile(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        // The agent also reads OCE_* variables; the tests set everything through arguments.
        builder.environment().keySet().removeIf(key -> key.startsWith("OCE_"));
        builder.environment().putAll(environment);
        try {
            return new TrainingJvm(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classpath(String example) {
        Path module = EXAMPLES.resolve(example).resolve("target");
        try {
            return module.resolve("classes") + java.io.File.pathSeparator
                + Files.readString(module.resolve("classpath.txt")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("build the examples first (mvn package)", e);
        }
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the JVM to exit and returns its exit status. */
    int finish() throws InterruptedException {
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            String threads = threadDump();
            process.destroyForcibly();
            throw new AssertionError("the JVM did not finish in " + TIMEOUT + "; stdout:\n" + stdout()
                + "\nstderr:\n" + stderr() + "\nits threads:\n" + threads);
        }
        return process.exitValue();
    }

    /** The JVM's threads as {@code jcmd Thread.print} lists them, so that a hang on CI says where it hangs. */
    private String threadDump() throws InterruptedException {
        TrainingJvm jcmd;
        try {
            jcmd = startJdkTool("threads-" + pid(), "jcmd", Long.toString(pid()), "Thread.print");
        } catch (UncheckedIOException e) {
            return "(jcmd failed: " + e.getCause() + ")";
        }
        if (!jcmd.process.waitFor(30, TimeUnit.SECONDS)) {
            jcmd.process.destroyForcibly();
        }
        return jcmd.stdout() + jcmd.stderr();
    }

    void sendLine() throws IOException {
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
    }

    /** Polls a file until {@code condition} holds for its text; fails if the JVM exits first or the time runs out. */
    static String awaitFile(Path file, Predicate<String> condition, TrainingJvm running) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = read(file);
            if (condition.test(text)) {
                return text;
            }
            if (running != null && !running.process.isAlive()) {
                throw new AssertionError("the JVM exited (" + running.process.exitValue() + ") before the expected "
                    + "output in " + file + "; stderr:\n" + running.stderr());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + file);
    }

    String awaitStdout(Predicate<String> condition) throws InterruptedException {
        return awaitFile(stdout, condition, this);
    }

    String awaitStderr(Predicate<String> condition) throws InterruptedException {
        return awaitFile(stderr, condition, this);
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number after {@code key} on the program's own output line {@code "<key> <number>"}. */
    static long printed(String output, String key) {
        return output.lines().filter(line -> line.startsWith(key + " ")).findFirst()
            .map(line -> Long.parseLong(line.substring(key.length() + 1).split(" ")[0]))
            .orElseThrow(() -> new AssertionError("no '" + key + "' line in:\n" + output));
    }
}
