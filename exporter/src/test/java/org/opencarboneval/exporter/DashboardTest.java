package org.opencarboneval.exporter;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Grafana dashboard: well formed, and every panel's PromQL returns data from a real Prometheus. */
class DashboardTest {

    static final Path DASHBOARD = Path.of("..", "dashboards", "opencarboneval.json");
    private static final Pattern METRIC = Pattern.compile("\\boce_[a-z_]+");

    static Map<String, Object> dashboard() throws Exception {
        return MiniJson.object(JsonReader.parse(Files.readString(DASHBOARD)));
    }

    /** Every {@code targets[].expr} of every panel, in order. */
    static List<String> expressions(Map<String, Object> dashboard) {
        List<String> exprs = new ArrayList<>();
        for (Object panel : MiniJson.array(dashboard.get("panels"))) {
            Object targets = MiniJson.object(panel).get("targets");
            if (targets != null) {
                MiniJson.array(targets).forEach(t -> exprs.add((String) MiniJson.object(t).get("expr")));
            }
        }
        return exprs;
    }

    /** What Grafana sends for a chosen run and "All" instances. */
    static String substituted(String expr, String runId) {
        return expr.replace("$run_id", runId).replace("$instance", ".*");
    }

    @Test
    void isAGrafanaDashboardOverTheExportedMetrics() throws Exception {
        Map<String, Object> dashboard = dashboard();
        assertEquals(39.0, dashboard.get("schemaVersion"));
        List<Object> variables = MiniJson.array(MiniJson.object(dashboard.get("templating")).get("list"));
        List<Object> names = variables.stream().map(v -> MiniJson.object(v).get("name")).toList();
        assertEquals(List.of("DS_PROMETHEUS", "run_id", "instance"), names);
        assertEquals("datasource", MiniJson.object(variables.get(0)).get("type"));

        List<String> exprs = expressions(dashboard);
        assertTrue(exprs.size() >= 20, exprs.toString());
        for (String expr : exprs) {
            Matcher metrics = METRIC.matcher(expr);
            assertTrue(metrics.find(), expr);
            do {
                assertTrue(MetricsEndpointTest.DESIGN_NAMES.contains(metrics.group())
                    || CarbonMetersTest.GRID_NAMES.contains(metrics.group()), metrics.group() + " in " + expr);
            } while (metrics.find());
            assertTrue(expr.contains("run_id=~\"$run_id\""), "every panel follows the run variable: " + expr);
        }
        for (Object panel : MiniJson.array(dashboard.get("panels"))) {
            Map<String, Object> p = MiniJson.object(panel);
            if (!"row".equals(p.get("type"))) {
                assertEquals("${DS_PROMETHEUS}", MiniJson.object(p.get("datasource")).get("uid"), p.get("title") + "");
            }
        }
        assertFalse(Files.readString(DASHBOARD).contains("$__rate_interval"), "plain PromQL a test can run as is");
    }

    @Test
    void everyExpressionReturnsDataFromARealPrometheus(@TempDir Path dir) throws Exception {
        Path prometheus = onPath("prometheus");
        StartResult result = MetricsExporter.start(ExporterOptions.plain("127.0.0.1", 0), TestRuns::full, l -> { });
        StartResult.Started started = assertInstanceOf(StartResult.Started.class, result, result.message());
        int port = freePort();
        Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n"
            + "scrape_configs:\n  - job_name: opencarboneval\n    static_configs:\n"
            + "      - targets: ['127.0.0.1:" + started.running().port() + "']\n");
        Process server = new ProcessBuilder(prometheus.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
        try {
            URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
            awaitData(api, "oce_agent_info", dir);
            for (String expr : expressions(dashboard())) {
                String query = substituted(expr, TestRuns.RUN_ID);
                String body = Http.get(api.resolve("query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .body();
                Map<String, Object> data = MiniJson.object(MiniJson.object(JsonReader.parse(body)).get("data"));
                assertFalse(MiniJson.array(data.get("result")).isEmpty(), "no data for " + query + ": " + body);
            }
            String runs = Http.get(api.resolve("label/run_id/values?match%5B%5D=oce_agent_info")).body();
            assertTrue(runs.contains(TestRuns.RUN_ID), "the run_id variable's query finds the run: " + runs);
        } finally {
            server.destroy();
            server.waitFor();
            started.running().close();
        }
    }

    private static void awaitData(URI api, String query, Path dir) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                String body = Http.get(api.resolve("query?query=" + query)).body();
                if (body.contains("\"result\":[{")) {
                    return;
                }
            } catch (java.io.IOException notReadyYet) {
                // Prometheus is still starting
            }
            Thread.sleep(250);
        }
        fail("Prometheus scraped nothing in 30 s; its log:\n" + Files.readString(dir.resolve("prometheus.log")));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Required on CI (which installs Debian's prometheus package), optional elsewhere. */
    static Path onPath(String tool) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(dir -> Path.of(dir, tool))
            .filter(Files::isExecutable)
            .findFirst();
        String missing = tool + " is not on PATH: install Debian's prometheus package "
            + "(apt-get install -y --no-install-recommends prometheus); CI installs it";
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail(missing);
        }
        assumeTrue(found.isPresent(), missing);
        return found.get();
    }
}
