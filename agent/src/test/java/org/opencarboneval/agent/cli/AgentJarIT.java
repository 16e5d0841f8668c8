package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar against real JVMs: a repeated attach, and a temporary directory the agent cannot write. */
@Timeout(120)
class AgentJarIT {

    private static final Path JAR = Path.of("target", "opencarboneval-agent.jar").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void aSecondAttachIsANoOpWithTheSameArgumentsAndRefusedWithOthers() throws Exception {
        Process target = startTarget(List.of());
        try {
            String arguments = "console=false,metrics=false,run_id=first";
            CliRunner.Result first = run(List.of("-jar", JAR.toString(), "attach", pid(target), arguments));
            assertEquals(0, first.status(), first.err());
            assertTrue(first.out().startsWith("attached to " + pid(target)), first.out());

            CliRunner.Result same = run(List.of("-jar", JAR.toString(), "attach", pid(target), arguments));
            assertEquals(0, same.status(), same.err());
            assertEquals("the agent already runs in " + pid(target) + " with these arguments: running first",
                same.out().strip());

            CliRunner.Result other = run(List.of("-jar", JAR.toString(), "attach", pid(target),
                "console=false,metrics=false,run_id=second"));
            assertEquals(Main.EXIT_FAILURE, other.status(), other.out());
            assertTrue(other.err().startsWith("attach: the agent already runs in " + pid(target)
                + " (running first) with other arguments"), other.err());
        } finally {
            finish(target);
        }
    }

    @Test
    void anUnwritableTmpdirFallsBackToTheUserCache() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("tmp-is-a-file"), "");
        Path home = Files.createDirectory(dir.resolve("home"));

        CliRunner.Result estimate = run(List.of("-Djava.io.tmpdir=" + notADirectory, "-Duser.home=" + home,
            "-jar", JAR.toString(), "estimate", "--flops", "3.14e23", "--hardware", "V100", "--ci", "0.4"));

        assertEquals(0, estimate.status(), estimate.err());
        assertTrue(estimate.out().contains("CO2e"), estimate.out());
        try (var copies = Files.walk(home.resolve(".cache"))) {
            assertTrue(copies.anyMatch(p -> p.getFileName().toString().equals("core.jar")), "core.jar in the cache");
        }
    }

    @Test
    void withNoWritableDirectoryAtAllTheJobRunsOnAfterOneLine() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("tmp-is-a-file"), "");
        Process target = startTarget(List.of("-Djava.io.tmpdir=" + notADirectory,
            "-Duser.home=" + notADirectory, "-javaagent:" + JAR + "=console=false,metrics=false"));
        target.getOutputStream().write('\n');
        target.getOutputStream().flush();
        assertTrue(target.waitFor(60, TimeUnit.SECONDS));
        String err = new String(target.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, target.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("[opencarboneval] agent not started, the application runs without it: "
            + "java.io.IOException: no writable directory for the agent's libraries"), err);
        assertFalse(err.contains("Exception in thread"), err);
    }

    private Process startTarget(List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", Path.of("target", "test-classes").toString(), WaitingTarget.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("XDG_CACHE_HOME");
        Process process = builder.start();
        String first = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
        assertEquals("ready", first, "the target JVM started");
        return process;
    }

    private static String pid(Process process) {
        return Long.toString(process.pid());
    }

    private static void finish(Process target) throws Exception {
        target.getOutputStream().write('\n');
        target.getOutputStream().flush();
        if (!target.waitFor(30, TimeUnit.SECONDS)) {
            target.destroyForcibly();
        }
    }

    private CliRunner.Result run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("XDG_CACHE_HOME");
        Process process = builder.redirectError(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command finishes");
        return new CliRunner.Result(process.exitValue(), out, err);
    }
}
