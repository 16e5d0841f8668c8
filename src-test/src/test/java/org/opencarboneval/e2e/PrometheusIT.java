package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencarboneval.exporter.JsonReader;

/**
 * A real training with the agent, scraped every second by a real Prometheus: what Grafana would show is there, and
 * Prometheus's own linter has nothing to say about the agent's exposition.
 */
@Timeout(300)
class PrometheusIT {

    private static final String RUN_ID = "e2e-prometheus";
    private static final String RUN = "{run_id=\"" + RUN_ID + "\"}";
    private static final Path DASHBOARD = TrainingJvm.EXAMPLES.resolve("../dashboards/opencarboneval.json")
        .normalize();

    private static MonitoredRun run;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void startTrainingAndPrometheus() throws Exception {
        HostTool.required("prometheus", "prometheus"); // skip before starting a training for nothing
        // total.flops: the a-priori estimate is exported too; a grid forecast with a greener hour ahead and a budget:
        // the advice and budget series too. So the scrape checked below has every series the dashboard shows.
        Path intensity = TrainingJvm.workFile("prometheus-intensity.csv");
        Instant now = Instant.now();
        StringBuilder csv = new StringBuilder("time,g_per_kwh,kind\n" + now.minusSeconds(3600) + ",300,actual\n");
        for (int hour = 1; hour <= 6; hour++) {
            csv.append(now.plusSeconds(3600L * hour)).append(hour == 3 ? ",120" : ",320").append(",forecast\n");
        }
        Files.writeString(intensity, csv);
        run = MonitoredRun.start(RUN_ID, "total.flops=1e15,intensity=file,intensity.file=" + intensity
            + ",budget.co2e=1kg");
        // With native histograms on, Prometheus asks for the protobuf format first, which the agent does not
        // serve: every test here then also shows that such a Prometheus gets the text formats instead.
        prometheus = PrometheusServer.scraping(List.of(run.port()), List.of(), TrainingJvm.WORK.resolve("prometheus"),
            List.of("native-histograms"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    void theStepCounterRisesFromScrapeToScrape() throws Exception {
        List<Map<String, Object>> history = prometheus.await("oce_training_steps_total" + RUN + "[5m]",
            result -> result.size() == 1 && rising(PrometheusServer.values(result.get(0))));

        List<Double> steps = PrometheusServer.values(history.get(0));
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i) >= steps.get(i - 1), "a counter never goes down: " + steps);
        }
    }

    @Test
    void aPrometheusThatAsksForProtobufFirstScrapesTheAgent() throws Exception {
        prometheus.await("up{job=\"opencarboneval\"}", result -> result.size() == 1
            && PrometheusServer.value(result.get(0)) == 1);
        List<Map<String, Object>> samples = prometheus.await("scrape_samples_scraped{job=\"opencarboneval\"}",
            result -> result.size() == 1 && PrometheusServer.value(result.get(0)) > 0);
        assertTrue(PrometheusServer.value(samples.get(0)) > 20, "the whole exposition: " + samples);
    }

    @Test
    void theForecastIsThereWithItsBand() throws Exception {
        List<Map<String, Object>> forecast = prometheus.await("oce_forecast_total_emissions_grams" + RUN,
            result -> result.size() == 3);

        Map<String, Double> bounds = new TreeMap<>();
        forecast.forEach(series -> bounds.put(PrometheusServer.label(series, "bound"), PrometheusServer.value(series)));
        assertEquals(List.of("expected", "lower", "upper"), List.copyOf(bounds.keySet()));
        assertTrue(bounds.get("lower") <= bounds.get("expected") && bounds.get("expected") <= bounds.get("upper"),
            bounds.toString());
        assertTrue(bounds.get("expected") > 0, bounds.toString());
    }

    @Test
    void everyDashboardPanelHasData() throws Exception {
        prometheus.await("oce_forecast_remaining_seconds" + RUN, result -> !result.isEmpty());
        prometheus.await("oce_gpu_power_watts" + RUN, result -> result.size() == 2);

        List<String> expressions = dashboardExpressions();
        List<String> empty = new ArrayList<>();
        for (String expression : expressions) {
            String query = expression.replace("$run_id", RUN_ID).replace("$instance", ".*");
            if (prometheus.query(query).isEmpty()) {
                empty.add(query);
            }
        }
        assertTrue(expressions.size() >= 20, "the dashboard's queries: " + expressions);
        assertEquals(List.of(), empty, "panel queries without data");
    }

    @Test
    void promtoolFindsNothingToSayAboutARealScrape() throws Exception {
        Path promtool = HostTool.required("promtool", "prometheus");
        Scrape scrape = run.awaitScrape(s -> s.has("oce_forecast_remaining_seconds") && s.has("oce_gpu_power_watts")
            && s.has("oce_estimate_total_emissions_grams"), "the forecast, the estimate and the GPUs");

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = check.getOutputStream()) {
            in.write(scrape.text().getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");

        assertEquals("", output, "promtool check metrics on\n" + scrape.text());
        assertEquals(0, check.exitValue());
    }

    private static boolean rising(List<Double> steps) {
        return steps.size() >= 4 && steps.get(steps.size() - 1) > steps.get(0);
    }

    /** Every {@code targets[].expr}, in panels and in the panels of rows. */
    @SuppressWarnings("unchecked")
    private static List<String> dashboardExpressions() {
        List<String> expressions = new ArrayList<>();
        Map<String, Object> dashboard = (Map<String, Object>) JsonReader.parse(TrainingJvm.read(DASHBOARD));
        collect((List<Object>) dashboard.get("panels"), expressions);
        return expressions;
    }

    @SuppressWarnings("unchecked")
    private static void collect(List<Object> panels, List<String> expressions) {
        for (Object item : panels) {
            Map<String, Object> panel = (Map<String, Object>) item;
            for (Object target : (List<Object>) panel.getOrDefault("targets", List.of())) {
                expressions.add((String) ((Map<String, Object>) target).get("expr"));
            }
            collect((List<Object>) panel.getOrDefault("panels", List.of()), expressions);
        }
    }
}
