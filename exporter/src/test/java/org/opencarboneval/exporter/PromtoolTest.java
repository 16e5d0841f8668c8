package org.opencarboneval.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prometheus's own tools: its linter on a scrape, its rule checker and rule unit tests on the shipped rules. */
class PromtoolTest {

    static final Path RULES = Path.of("..", "dashboards", "opencarboneval-rules.yml");

    @TempDir
    Path dir;

    @Test
    void promtoolCheckMetricsReportsNothing() throws Exception {
        StartResult result = MetricsExporter.start(ExporterOptions.plain("127.0.0.1", 0), TestRuns::full, l -> { });
        StartResult.Started started = assertInstanceOf(StartResult.Started.class, result, result.message());
        try {
            String scrape = Http.get(started.metricsUrl()).body();
            Result check = promtool(scrape, "check", "metrics");
            assertEquals("", check.output(), "promtool check metrics on\n" + scrape);
            assertEquals(0, check.status());
            assertTrue(scrape.contains("oce_gpu_power_watts"), "the checked scrape includes the GPU series");
        } finally {
            started.running().close();
        }
    }

    /** The job rules sum the ranks of each run, and give the job a forecast only once every rank has one. */
    @Test
    void recordingRulesGiveEachJobItsRanksSums() throws Exception {
        Result check = promtool("", "check", "rules", RULES.toString());
        assertEquals(0, check.status(), check.output());
        assertTrue(check.output().contains("SUCCESS: 10 rules found"), check.output());

        String tests;
        try (InputStream in = PromtoolTest.class.getResourceAsStream("job-rules-test.yml")) {
            tests = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = Files.writeString(dir.resolve("job-rules-test.yml"),
            tests.replace("RULES_FILE", RULES.toAbsolutePath().normalize().toString()));
        Result test = promtool("", "test", "rules", file.toString());
        assertEquals(0, test.status(), test.output());
        assertTrue(test.output().contains("SUCCESS"), test.output());
    }

    private record Result(int status, String output) {
    }

    private static Result promtool(String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DashboardTest.onPath("promtool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("promtool did not finish");
        }
        return new Result(process.exitValue(), output);
    }
}
