package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.config.SettingSources;

/**
 * {@code devices} through Main, with the fake NVML of nvml-bridge's tests, compiled here from its source so that
 * this module's tests never depend on another module's build output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevicesCommandTest {

    private static final Path FAKE_SOURCE = Path.of("../nvml-bridge/src/test/c/fake_nvml.c").toAbsolutePath().normalize();
    private static final Path FAKE = Path.of("target/fake-nvml/libnvidia-ml.so.1").toAbsolutePath();

    private static boolean compiled;

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    @TempDir
    Path directory;

    private record Result(int status, String out, String err) {
    }

    private static Result run(Properties properties, DevicesCommand.Pause pause, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main main = new Main(List.of(new DevicesCommand(pause)), new SettingSources(properties, Map.of()));
        int status = main.run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result run(String... args) {
        return run(new Properties(), millis -> { }, args);
    }

    /**
     * The fake library, compiled once per test JVM, scripted with {@code lines} (none: one GPU at its defaults).
     * In CI a fake that cannot be built fails the test; elsewhere, without gcc, the test is skipped.
     */
    private Path fake(String... lines) {
        synchronized (DevicesCommandTest.class) {
            if (!compiled) {
                compile();
                compiled = true;
            }
        }
        Path script = directory.resolve("script.txt");
        try {
            Files.write(script, List.of(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the fake reads its script at nvmlInit through getenv: set it in this process's C environment
        Native.load("c", LibC.class).setenv("FAKE_NVML_SCRIPT", script.toString(), 1);
        return FAKE;
    }

    private static void compile() {
        String problem;
        try {
            Files.createDirectories(FAKE.getParent());
            Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Werror",
                "-Wl,-soname,libnvidia-ml.so.1", "-o", FAKE.toString(), FAKE_SOURCE.toString())
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
        String message = "cannot build the fake NVML from " + FAKE_SOURCE + ": " + problem;
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
    }

    @Test
    @Order(1) // before any test loads the fake: the dynamic linker would then find it by its soname
    void withoutGpuItSaysSoAndExitsZero() {
        Result result = run("devices", "--nvml.library", "/nonexistent/libnvidia-ml.so.1");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().startsWith("No NVIDIA GPU: GPU metrics off: "), result.out());
        assertTrue(result.out().contains("  cpu   "), result.out());
        assertTrue(result.out().contains("  dram  "), result.out());
    }

    @Test
    void jsonIsAnArrayOfGpusThenHostSensors() {
        Result result = run("devices", "--json", "--nvml.library=" + fake());
        assertEquals(0, result.status(), result.err());
        String json = result.out().strip();
        assertTrue(json.startsWith("[{\"index\":0,\"kind\":\"gpu\",\"name\":\"Fake GPU 0\",\"uuid\":\"GPU-fake-0000\","
            + "\"power_w\":100,\"energy_j\":100,\"utilization_gpu\":0.5,"), json);
        assertTrue(json.contains("\"energy_method\":\"energy_counter\",\"measured\":true"), json);
        assertTrue(json.contains("{\"index\":null,\"kind\":\"cpu\","), json);
        assertTrue(json.contains("{\"index\":null,\"kind\":\"dram\",\"name\":\"DRAM\",\"uuid\":null,"), json);
        assertTrue(json.matches(".*\"energy_method\":\"(rapl|estimated_tdp_x_load)\".*"), json);
        assertTrue(json.endsWith("}]"), json);
        assertTrue(result.err().contains("gpu: NVML 999.99.99-fake: 1 GPU monitored (1 energy counter)"), result.err());
    }

    @Test
    void gpuWithoutCounterOrPowerIsNotMeasured() {
        Result result = run("devices", "--json", "--nvml.library=" + fake("gpu 0 energy not_supported",
            "gpu 0 power not_supported"));
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("\"energy_method\":\"unavailable\",\"measured\":false"), result.out());
    }

    @Test
    void libraryComesFromTheSettingLikeEveryOption() {
        Properties properties = new Properties();
        properties.setProperty("oce.nvml.library", fake().toString());
        Result result = run(properties, millis -> { }, "devices");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().startsWith("NVML 999.99.99-fake: 1 GPU monitored"), result.out());
        assertTrue(result.out().contains("Fake GPU 0"), result.out());
    }

    @Test
    void watchPrintsOneLinePerSampleThenASummaryAllCountedFromTheWindowStart() {
        // the fake's counter gains 100 J per reading, whenever it is read
        Result result = run("devices", "--watch", "3", "--nvml.library", fake().toString());
        assertEquals(0, result.status(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(4, lines.size(), result.out());
        assertTrue(lines.get(0).startsWith("{\"t_s\":"), lines.get(0));
        assertTrue(lines.get(0).contains("\"energy_j\":100,"), lines.get(0));
        assertTrue(lines.get(2).contains("\"energy_j\":300,"), lines.get(2));
        String summary = lines.get(3);
        assertTrue(summary.startsWith("{\"summary\":true,\"seconds\":"), summary);
        assertTrue(summary.contains("\"gpus\":[{\"index\":0,\"uuid\":\"GPU-fake-0000\",\"name\":\"Fake GPU 0\","
            + "\"energy_j\":300,"), summary);
        assertTrue(summary.contains("\"energy_method\":\"energy_counter\""), summary);
        assertTrue(summary.contains("\"cpu\":{\"energy_j\":"), summary);
        double seconds = number(summary, "seconds");
        assertEquals(seconds * 1000, number(summary, "window_end_epoch_ms") - number(summary, "window_start_epoch_ms"), 1);
    }

    @Test
    void watchMeanPowerDividesTheWindowsEnergyByTheWindowsLength() {
        // no counter: a steady 100 W integrated over real time, so energy and seconds must span the same window
        Result result = run(new Properties(), millis -> Thread.sleep(millis / 10), "devices", "--watch", "3",
            "--nvml.library", fake("gpu 0 energy not_supported", "gpu 0 power 100000").toString());
        assertEquals(0, result.status(), result.err());
        String summary = result.out().lines().reduce((first, second) -> second).orElseThrow();
        assertTrue(summary.contains("\"energy_method\":\"power_integration\""), summary);
        assertEquals(100.0, number(summary, "mean_power_w"), 2.0, summary);
    }

    @Test
    void watchNeedsAPositiveWholeNumber() {
        Result result = run("devices", "--watch", "0");
        assertEquals(2, result.status());
        assertTrue(result.err().contains("--watch: '0' must be a whole number of at least 1"), result.err());
    }

    private static double number(String json, String field) {
        Matcher value = Pattern.compile("\"" + field + "\":([-0-9.eE]+)").matcher(json);
        assertTrue(value.find(), field + " in " + json);
        return Double.parseDouble(value.group(1));
    }
}
