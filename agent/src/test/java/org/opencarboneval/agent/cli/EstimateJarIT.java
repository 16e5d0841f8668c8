package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The packaged jar, run as users run it: {@code java -jar agent/target/opencarboneval-agent.jar ...}. */
class EstimateJarIT {

    private static CliRunner.Result runJar(String... args) throws IOException, InterruptedException {
        Path jar = Path.of("target", "opencarboneval-agent.jar");
        assertTrue(Files.isRegularFile(jar), "the package phase builds " + jar.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command finishes");
        return new CliRunner.Result(process.exitValue(), out, err);
    }

    @Test
    void gpt3OnThePapersLeaderboard() throws Exception {
        CliRunner.Result result = runJar("estimate", "--flops", "3.14e23", "--hardware",
            "NVIDIA Tesla V100 DGXS 32 GB", "--ci", "0.409", "--method", "paper", "--json");
        assertEquals(0, result.status(), result.err());
        assertEquals(562698, result.number("emissions_kg"), 0.001 * 562698);
    }

    @Test
    void badInputExitsTwoWithOneLineNamingIt() throws Exception {
        CliRunner.Result result = runJar("estimate", "--hardware", "A100", "--flops", "lots");
        assertEquals(2, result.status());
        assertTrue(result.err().startsWith("estimate: --flops: 'lots' is not a number"), result.err());
    }
}
