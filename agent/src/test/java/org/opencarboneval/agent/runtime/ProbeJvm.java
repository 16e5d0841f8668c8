package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opencarboneval.agent.FakeNvml;

/** A forked JVM running a main of the test classes with the packaged agent over the scripted NVML stand-in. */
final class ProbeJvm {

    private static final Path JAR = Path.of("target", "opencarboneval-agent.jar").toAbsolutePath();

    private ProbeJvm() {
    }

    /** Starts {@code main} with the agent's {@code arguments} (the stand-in's library added); stderr goes to a file. */
    static Process start(Path directory, String arguments, Class<?> main, List<String> mainArguments,
            String... script) throws IOException {
        assertTrue(Files.isRegularFile(JAR), "the package phase builds " + JAR);
        Path library = FakeNvml.scripted(directory, script);
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-javaagent:" + JAR + "=" + arguments + ",nvml.library=" + library,
            "-cp", Path.of("target", "test-classes").toString(), main.getName()));
        command.addAll(mainArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr(directory).toFile());
        builder.environment().put("FAKE_NVML_SCRIPT", directory.resolve("script.txt").toString());
        return builder.start();
    }

    static Path stderr(Path directory) {
        return directory.resolve("stderr.txt");
    }
}
