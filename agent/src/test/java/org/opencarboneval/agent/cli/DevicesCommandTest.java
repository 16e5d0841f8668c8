package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.config.SettingSources;

/** {@code devices} through Main, with the fake NVML the nvml-bridge build compiles (its default script: one GPU). */
class DevicesCommandTest {

    private static final Path FAKE = Path.of("../nvml-bridge/target/fake-nvml/full/libnvidia-ml.so.1").toAbsolutePath();

    private record Result(int status, String out, String err) {
    }

    private static Result run(Properties properties, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main main = new Main(List.of(new DevicesCommand(millis -> { })), new SettingSources(properties, Map.of()));
        int status = main.run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result run(String... args) {
        return run(new Properties(), args);
    }

    @Test
    void withoutGpuItSaysSoAndExitsZero() {
        Result result = run("devices", "--nvml.library", "/nonexistent/libnvidia-ml.so.1");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().startsWith("No NVIDIA GPU: GPU metrics off: "), result.out());
        assertTrue(result.out().contains("  cpu   "), result.out());
        assertTrue(result.out().contains("  dram  "), result.out());
    }

    @Test
    void jsonIsAnArrayOfGpusThenHostSensors() {
        assumeTrue(Files.exists(FAKE), "build nvml-bridge first: " + FAKE);
        Result result = run("devices", "--json", "--nvml.library=" + FAKE);
        assertEquals(0, result.status(), result.err());
        String json = result.out().strip();
        assertTrue(json.startsWith("[{\"index\":0,\"kind\":\"gpu\",\"name\":\"Fake GPU 0\",\"uuid\":\"GPU-fake-0000\","
            + "\"power_w\":100,\"energy_j\":100,\"utilization_gpu\":0.5,"), json);
        assertTrue(json.contains("\"energy_method\":\"energy_counter\""), json);
        assertTrue(json.contains("{\"index\":null,\"kind\":\"cpu\","), json);
        assertTrue(json.contains("{\"index\":null,\"kind\":\"dram\",\"name\":\"DRAM\",\"uuid\":null,"), json);
        assertTrue(json.matches(".*\"energy_method\":\"(rapl|estimated_tdp_x_load)\".*"), json);
        assertTrue(json.endsWith("}]"), json);
        assertTrue(result.err().contains("gpu: NVML 999.99.99-fake: 1 GPU monitored (1 energy counter)"), result.err());
    }

    @Test
    void libraryComesFromTheSettingLikeEveryOption() {
        assumeTrue(Files.exists(FAKE), "build nvml-bridge first: " + FAKE);
        Properties properties = new Properties();
        properties.setProperty("oce.nvml.library", FAKE.toString());
        Result result = run(properties, "devices");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().startsWith("NVML 999.99.99-fake: 1 GPU monitored"), result.out());
        assertTrue(result.out().contains("Fake GPU 0"), result.out());
    }

    @Test
    void watchPrintsOneLinePerSampleThenASummary() {
        assumeTrue(Files.exists(FAKE), "build nvml-bridge first: " + FAKE);
        Result result = run("devices", "--watch", "3", "--nvml.library", FAKE.toString());
        assertEquals(0, result.status(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals(4, lines.size(), result.out());
        assertTrue(lines.get(0).startsWith("{\"t_s\":"), lines.get(0));
        assertTrue(lines.get(2).contains("\"energy_j\":300"), lines.get(2));
        String summary = lines.get(3);
        assertTrue(summary.startsWith("{\"summary\":true,\"seconds\":"), summary);
        assertTrue(summary.contains("\"gpus\":[{\"index\":0,\"uuid\":\"GPU-fake-0000\",\"name\":\"Fake GPU 0\","
            + "\"energy_j\":300,"), summary);
        assertTrue(summary.contains("\"energy_method\":\"energy_counter\""), summary);
        assertTrue(summary.contains("\"cpu\":{\"energy_j\":"), summary);
    }

    @Test
    void watchNeedsAPositiveWholeNumber() {
        Result result = run("devices", "--watch", "0");
        assertEquals(2, result.status());
        assertTrue(result.err().contains("--watch: '0' must be a whole number of at least 1"), result.err());
    }
}
