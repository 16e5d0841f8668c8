package org.opencarboneval.agent;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The fake libnvidia-ml.so.1 of nvml-bridge's tests, compiled here from its source so that this module's tests never
 * depend on another module's build output. It reads its script at every nvmlInit (see fake_nvml.c for the lines).
 */
public final class FakeNvml {

    private static final Path SOURCE = Path.of("../nvml-bridge/src/test/c/fake_nvml.c").toAbsolutePath().normalize();
    private static final Path LIBRARY = Path.of("target/fake-nvml/libnvidia-ml.so.1").toAbsolutePath();

    private static boolean compiled;

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private FakeNvml() {
    }

    /** The library's path, compiled once per test JVM, scripted with {@code lines} (none: one GPU at its defaults). */
    public static Path scripted(Path directory, String... lines) {
        Path script = directory.resolve("script.txt");
        try {
            Files.write(script, List.of(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return library(script);
    }

    /** The library's path, compiled once per test JVM, reading the script {@code script} at its next nvmlInit. */
    public static synchronized Path library(Path script) {
        if (!compiled) {
            compile();
            compiled = true;
        }
        // the fake reads its script at nvmlInit through getenv: set it in this process's C environment
        Native.load("c", LibC.class).setenv("FAKE_NVML_SCRIPT", script.toString(), 1);
        return LIBRARY;
    }

    /** In CI a fake that cannot be built fails the test; elsewhere, without gcc, the test is skipped. */
    private static void compile() {
        String problem;
        try {
            Files.createDirectories(LIBRARY.getParent());
            Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Werror",
                "-Wl,-soname,libnvidia-ml.so.1", "-o", LIBRARY.toString(), SOURCE.toString())
                .redirectErrorStream(true).start();
            String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            problem = !gcc.waitFor(60, TimeUnit.SECONDS) ? "gcc timed out"
                : gcc.exitValue() != 0 ? "gcc failed: " + output : "";
        } catch (IOException e) {
            problem = "gcc not runnable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        if (problem.isEmpty()) {
            return;
        }
        String message = "cannot build the fake NVML from " + SOURCE + ": " + problem;
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
    }
}
