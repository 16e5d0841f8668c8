package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.FakeNvml;
import org.opencarboneval.agent.config.SettingSources;

/**
 * {@code devices} through Main, with the fake NVML of nvml-bridge's tests ({@link FakeNvml}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevicesCommandTest {

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

    private Path fake(String... lines) {
        return FakeNvml.scripted(directory, lines);
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
