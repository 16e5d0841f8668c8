package org.opencarboneval.benchmarks.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built repository the harnesses fork from (the current directory, or {@code -Doce.root=}): the packaged agent,
 * the examples with their class paths, and this module's probe classes.
 */
public record Workspace(Path root) {

    public static Workspace current() {
        Workspace workspace = new Workspace(Path.of(System.getProperty("oce.root", "")).toAbsolutePath());
        for (Path needed : List.of(workspace.agentJar(), workspace.probeClasses())) {
            if (!Files.exists(needed)) {
                throw new IllegalStateException(needed + " is missing: run from the repository root after "
                    + "mvn package (or set -Doce.root)");
            }
        }
        return workspace;
    }

    public Path agentJar() {
        return root.resolve("agent/target/opencarboneval-agent.jar");
    }

    /** benchmarks/target/classes: only its probe classes are used in a forked JVM, which need nothing but the JDK. */
    public Path probeClasses() {
        return root.resolve("benchmarks/target/classes");
    }

    /** An example's own class path (as its build wrote it) plus the probes. */
    public String exampleClasspath(String example) {
        Path target = root.resolve("examples").resolve(example).resolve("target");
        try {
            return String.join(File.pathSeparator, target.resolve("classes").toString(),
                Files.readString(target.resolve("classpath.txt")).strip(), probeClasses().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("build the examples first (mvn package)", e);
        }
    }

    /** A directory for the forked JVMs' output and ledgers. */
    public Path scratch(String name) {
        try {
            return Files.createDirectories(root.resolve("benchmarks/target/runs").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java [-javaagent:...=agentArguments] -cp classpath main args...} with this JVM's java. */
    public List<String> javaCommand(Optional<String> agentArguments, String classpath, String main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        agentArguments.ifPresent(a -> command.add("-javaagent:" + agentJar() + (a.isEmpty() ? "" : "=" + a)));
        command.addAll(List.of("-cp", classpath, main));
        command.addAll(args);
        return command;
    }
}
