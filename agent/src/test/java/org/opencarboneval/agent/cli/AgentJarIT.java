package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.FakeNvml;

/**
 * The packaged jar against real JVMs: a repeated attach, and a temporary directory the agent cannot write or that is
 * mounted {@code noexec}.
 */
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
        String err = oneLineOfAnAgentThatCannotStart(notADirectory, notADirectory);

        assertTrue(err.startsWith("[opencarboneval] agent not started, the application runs without it: "
            + "java.io.IOException: no writable directory for the agent's libraries"), err);
        assertFalse(err.contains("Exception in thread"), err);
    }

    @Test
    void aNoexecTmpdirSendsJnasNativeStubToTheUserCache() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        // JNA's own default, ~/.cache/JNA/temp, unusable (as when a sudo run left it root's): JNA would use the tmpdir
        Files.writeString(Files.createDirectory(home.resolve(".cache")).resolve("JNA"), "");
        Path library = FakeNvml.scripted(dir);
        Path noexec = mountNoexecTmpfs();
        try {
            CliRunner.Result devices = run(List.of("-Djava.io.tmpdir=" + noexec, "-Duser.home=" + home,
                "-jar", JAR.toString(), "devices", "--json", "--nvml.library=" + library),
                Map.of("FAKE_NVML_SCRIPT", dir.resolve("script.txt").toString()));

            assertEquals(0, devices.status(), devices.err());
            assertTrue(devices.out().startsWith("[{\"index\":0,\"kind\":\"gpu\",\"name\":\"Fake GPU 0\""),
                devices.out() + devices.err());
            try (var copies = Files.walk(home.resolve(".cache"))) {
                assertTrue(copies.anyMatch(p -> p.getFileName().toString().equals("core.jar")), "core.jar in the cache");
            }
        } finally {
            unmount(noexec);
        }
    }

    @Test
    void withANoexecTmpdirAndNoCacheTheJobRunsOnAfterOneLine() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("home-is-a-file"), "");
        Path noexec = mountNoexecTmpfs();
        try {
            String err = oneLineOfAnAgentThatCannotStart(noexec, notADirectory);

            assertTrue(err.startsWith("[opencarboneval] agent not started, the application runs without it: "
                + "java.io.IOException: no writable directory for the agent's libraries: java.io.tmpdir ("
                + noexec.toRealPath()), err);
            assertTrue(err.contains("is on a noexec mount, where JNA's native stub cannot load"), err);
        } finally {
            unmount(noexec);
        }
    }

    /** The stderr of a job whose agent has nowhere to put its libraries: one line, and the job ends normally. */
    private String oneLineOfAnAgentThatCannotStart(Path tmpdir, Path home) throws Exception {
        Process target = startTarget(List.of("-Djava.io.tmpdir=" + tmpdir, "-Duser.home=" + home,
            "-javaagent:" + JAR + "=console=false,metrics=false"));
        target.getOutputStream().write('\n');
        target.getOutputStream().flush();
        assertTrue(target.waitFor(60, TimeUnit.SECONDS));
        String err = new String(target.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, target.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        return err;
    }

    /** A fresh tmpfs mounted noexec under the test's directory; skipped where this user may not mount. */
    private Path mountNoexecTmpfs() throws IOException, InterruptedException {
        Path point = Files.createDirectory(dir.resolve("noexec-tmp"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "noexec,size=64m", "tmpfs", point.toString())
            .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0,
            "mounting a noexec tmpfs is not permitted here (needs root or CAP_SYS_ADMIN): " + output.strip());
        return point;
    }

    private static void unmount(Path point) throws IOException, InterruptedException {
        Process umount = new ProcessBuilder("umount", point.toString()).redirectErrorStream(true).start();
        String output = new String(umount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(umount.waitFor(30, TimeUnit.SECONDS) && umount.exitValue() == 0, "umount " + point + ": " + output);
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
        return run(arguments, Map.of());
    }

    private CliRunner.Result run(List<String> arguments, Map<String, String> environment)
        throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("XDG_CACHE_HOME");
        builder.environment().putAll(environment);
        Process process = builder.redirectError(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command finishes");
        return new CliRunner.Result(process.exitValue(), out, err);
    }
}
