package org.opencarboneval.exporter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prometheus's own linter finds nothing to say about a scrape with every series present. */
class PromtoolTest {

    @Test
    void promtoolCheckMetricsReportsNothing() throws Exception {
        Path promtool = DashboardTest.onPath("promtool");
        StartResult result = MetricsExporter.start(ExporterOptions.plain("127.0.0.1", 0), TestRuns::full, l -> { });
        StartResult.Started started = assertInstanceOf(StartResult.Started.class, result, result.message());
        try {
            String scrape = Http.get(started.metricsUrl()).body();
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
                .start();
            try (OutputStream in = check.getOutputStream()) {
                in.write(scrape.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                throw new IOException("promtool did not finish");
            }
            assertEquals("", output, "promtool check metrics on\n" + scrape);
            assertEquals(0, check.exitValue());
            assertTrue(scrape.contains("oce_gpu_power_watts"), "the checked scrape includes the GPU series");
        } finally {
            started.running().close();
        }
    }
}
