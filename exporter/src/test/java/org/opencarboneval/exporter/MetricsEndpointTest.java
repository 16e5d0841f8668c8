package org.opencarboneval.exporter;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencarboneval.exporter.chart.PageStyle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoint over real HTTP, fed by a plain supplier of run views. */
class MetricsEndpointTest {

    /** DESIGN section 5, as Prometheus sees the names. */
    static final Set<String> DESIGN_NAMES = Set.of("oce_training_steps_total", "oce_training_progress_ratio",
        "oce_training_throughput_steps_per_second", "oce_power_watts", "oce_energy_joules_total",
        "oce_emissions_grams_total", "oce_gpu_power_watts", "oce_gpu_utilization_ratio", "oce_gpu_memory_used_bytes",
        "oce_gpu_energy_joules_total", "oce_grid_intensity_grams_per_kwh", "oce_pue_ratio",
        "oce_forecast_total_emissions_grams", "oce_forecast_total_energy_joules", "oce_forecast_remaining_seconds",
        "oce_estimate_total_emissions_grams", "oce_agent_info", "oce_agent_errors_total");

    private final AtomicReference<RunView> run = new AtomicReference<>(TestRuns.base());
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private volatile RuntimeException readFailure;
    private StartResult.Started started;
    private MetricsExporter exporter;

    @BeforeEach
    void start() {
        Supplier<RunView> source = () -> {
            if (readFailure != null) {
                throw readFailure;
            }
            return run.get();
        };
        StartResult result = MetricsExporter.start(ExporterOptions.plain("127.0.0.1", 0), source, warnings::add);
        started = assertInstanceOf(StartResult.Started.class, result, result.message());
        exporter = started.running();
    }

    @AfterEach
    void stop() {
        exporter.close();
    }

    private Scrape scrapeOf(RunView view) throws Exception {
        run.set(view);
        exporter.refresh();
        return Http.scrape(started);
    }

    @Test
    void exposesEveryDesignMetricWithRunIdHelpAndValue() throws Exception {
        Scrape scrape = scrapeOf(TestRuns.full());

        TreeSet<String> names = new TreeSet<>(DESIGN_NAMES);
        names.addAll(CarbonMetersTest.GRID_NAMES);
        assertEquals(names, scrape.names());
        scrape.samples.forEach(s -> assertEquals(TestRuns.RUN_ID, s.labels().get("run_id"), s.toString()));
        for (String name : DESIGN_NAMES) {
            assertTrue(scrape.text.contains("# HELP " + name + " "), "help for " + name);
        }
        scrape.assertValue(1234, "oce_training_steps_total");
        scrape.assertValue(0.25, "oce_training_progress_ratio");
        scrape.assertValue(12.5, "oce_training_throughput_steps_per_second");
        scrape.assertValue(250.5, "oce_power_watts", "component", "gpu");
        scrape.assertValue(45.25, "oce_power_watts", "component", "cpu");
        scrape.assertValue(6.0, "oce_power_watts", "component", "dram");
        scrape.assertValue(1.0e6, "oce_energy_joules_total", "component", "gpu");
        scrape.assertValue(2.5e5, "oce_energy_joules_total", "component", "cpu");
        scrape.assertValue(3.0e4, "oce_energy_joules_total", "component", "dram");
        scrape.assertValue(123.456, "oce_emissions_grams_total");
        scrape.assertValue(380.0, "oce_grid_intensity_grams_per_kwh");
        scrape.assertValue(1.1, "oce_pue_ratio");
        scrape.assertValue(5_400.5, "oce_forecast_total_emissions_grams", "bound", "expected");
        scrape.assertValue(4_900.25, "oce_forecast_total_emissions_grams", "bound", "lower");
        scrape.assertValue(6_100.75, "oce_forecast_total_emissions_grams", "bound", "upper");
        scrape.assertValue(4.5e7, "oce_forecast_total_energy_joules", "bound", "expected");
        scrape.assertValue(4.1e7, "oce_forecast_total_energy_joules", "bound", "lower");
        scrape.assertValue(5.2e7, "oce_forecast_total_energy_joules", "bound", "upper");
        scrape.assertValue(3_725.5, "oce_forecast_remaining_seconds");
        scrape.assertValue(7_000.0, "oce_estimate_total_emissions_grams");
        scrape.assertValue(2, "oce_agent_errors_total", "kind", "gpu_read");
        scrape.assertValue(0, "oce_agent_errors_total", "kind", "tick");
        assertTrue(scrape.text.contains("# TYPE oce_agent_errors_total counter"), scrape.text);
        scrape.assertValue(1, "oce_agent_info", "version", "0.1.0-SNAPSHOT", "hardware", "NVIDIA H100 SXM5",
            "region", "DE", "pue", "1.1", "intensity_source", "region table");
        for (RunView.Gpu gpu : List.of(TestRuns.GPU_0, TestRuns.GPU_1)) {
            String[] labels = {"gpu", Integer.toString(gpu.index()), "uuid", gpu.uuid(), "name", gpu.name()};
            scrape.assertValue(gpu.powerWatts(), "oce_gpu_power_watts", labels);
            scrape.assertValue(gpu.utilizationRatio(), "oce_gpu_utilization_ratio", labels);
            scrape.assertValue(gpu.memoryUsedBytes(), "oce_gpu_memory_used_bytes", labels);
            scrape.assertValue(gpu.energyJoules(), "oce_gpu_energy_joules_total", labels);
        }
        assertTrue(scrape.text.contains("# TYPE oce_emissions_grams_total counter"), scrape.text);
        assertTrue(scrape.text.contains("# TYPE oce_power_watts gauge"), scrape.text);
    }

    @Test
    void aRankOfADistributedJobSaysWhichInTheInfoSeriesAndAProcessOnItsOwnHasNoEmptyLabels() throws Exception {
        Scrape alone = scrapeOf(TestRuns.base());
        assertEquals(Set.of("run_id", "version", "hardware", "region", "pue", "intensity_source"),
            alone.named("oce_agent_info").get(0).labels().keySet());

        exporter.close();
        run.set(TestRuns.ranked(TestRuns.base(), 1, 2)); // the info series is the first view's
        start();
        Scrape ranked = scrapeOf(run.get());
        ranked.assertValue(1, "oce_agent_info", "run_id", TestRuns.RUN_ID, "rank", "1", "world_size", "2");
    }

    @Test
    void negotiatesOpenMetrics() throws Exception {
        run.set(TestRuns.full());
        exporter.refresh();
        HttpResponse<String> response = Http.get(started.metricsUrl(), "Accept",
            "application/openmetrics-text; version=1.0.0; charset=utf-8");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"),
            response.headers().toString());
        assertTrue(response.body().endsWith("# EOF\n"), response.body());
        assertTrue(response.body().contains("# TYPE oce_agent info"), response.body());
        assertTrue(response.body().contains("oce_emissions_grams_total{run_id=\"run-42\"} 123.456"), response.body());

        HttpResponse<String> text = Http.get(started.metricsUrl());
        assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertFalse(text.body().contains("# EOF"));
    }

    /** The Accept header of a Prometheus with native histograms on: protobuf first, which this build does not serve. */
    @Test
    void aScraperThatPrefersProtobufGetsOpenMetrics() throws Exception {
        run.set(TestRuns.full());
        exporter.refresh();
        HttpResponse<String> response = Http.get(started.metricsUrl(), "Accept", "application/vnd.google.protobuf;"
            + "proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.6,application/openmetrics-text;"
            + "version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.2,*/*;q=0.1");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"),
            response.headers().toString());
        assertTrue(response.body().contains("oce_emissions_grams_total{run_id=\"run-42\"} 123.456"), response.body());

        HttpResponse<String> onlyProtobuf = Http.get(started.metricsUrl(), "Accept",
            "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
        assertEquals(200, onlyProtobuf.statusCode(), "text, the format every scraper reads");
        assertTrue(onlyProtobuf.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    void optionalSeriesAreAbsentUntilTheRunHasThem() throws Exception {
        Scrape unknownTotal = scrapeOf(TestRuns.withoutTotal(TestRuns.base()));
        for (String absent : List.of("oce_training_progress_ratio", "oce_forecast_total_emissions_grams",
                "oce_forecast_total_energy_joules", "oce_forecast_remaining_seconds",
                "oce_estimate_total_emissions_grams", "oce_gpu_power_watts")) {
            assertTrue(unknownTotal.named(absent).isEmpty(), absent + " should be absent");
        }
        assertFalse(unknownTotal.text.contains("NaN"), unknownTotal.text);

        Scrape withForecast = scrapeOf(TestRuns.withForecast(TestRuns.base(), TestRuns.FORECAST));
        withForecast.assertValue(0.25, "oce_training_progress_ratio");
        assertEquals(3, withForecast.named("oce_forecast_total_emissions_grams").size());
        withForecast.assertValue(3_725.5, "oce_forecast_remaining_seconds");

        Scrape forecastGone = scrapeOf(TestRuns.base());
        assertTrue(forecastGone.named("oce_forecast_remaining_seconds").isEmpty(), forecastGone.text);
    }

    @Test
    void gpuSeriesAppearWhenAGpuIsFirstSeenAndGoWithIt() throws Exception {
        assertTrue(scrapeOf(TestRuns.base()).names().stream().noneMatch(n -> n.startsWith("oce_gpu_")));

        Scrape one = scrapeOf(TestRuns.withGpus(TestRuns.base(), TestRuns.GPU_0));
        one.assertValue(412.5, "oce_gpu_power_watts", "gpu", "0", "uuid", TestRuns.GPU_0.uuid(), "name",
            TestRuns.GPU_0.name());
        assertEquals(1, one.named("oce_gpu_energy_joules_total").size());

        Scrape two = scrapeOf(TestRuns.withGpus(TestRuns.base(), TestRuns.GPU_0, TestRuns.GPU_1));
        assertEquals(2, two.named("oce_gpu_utilization_ratio").size());
        two.assertValue(0.5, "oce_gpu_utilization_ratio", "gpu", "1");

        Scrape lost = scrapeOf(TestRuns.withGpus(TestRuns.base(), TestRuns.GPU_1));
        assertEquals(1, lost.named("oce_gpu_memory_used_bytes").size());
        lost.assertValue(1_073_741_824L, "oce_gpu_memory_used_bytes", "gpu", "1");
    }

    @Test
    void metersStillReadTheRunAfterGarbageCollection() throws Exception {
        scrapeOf(TestRuns.full());
        for (int i = 0; i < 5; i++) {
            System.gc();
            byte[][] churn = new byte[64][];
            for (int j = 0; j < churn.length; j++) {
                churn[j] = new byte[1 << 16];
            }
        }
        RunView later = TestRuns.later(TestRuns.full(), 10, 777.25);
        Scrape scrape = scrapeOf(later);

        assertFalse(scrape.text.contains("NaN"), scrape.text);
        scrape.assertValue(later.steps(), "oce_training_steps_total");
        scrape.assertValue(777.25, "oce_power_watts", "component", "gpu");
        scrape.assertValue(later.emissionsGrams(), "oce_emissions_grams_total");
        scrape.assertValue(TestRuns.GPU_0.energyJoules(), "oce_gpu_energy_joules_total", "gpu", "0");
    }

    @Test
    void followsTheRunOnItsOwnEverySecond() throws Exception {
        scrapeOf(TestRuns.base());
        RunView later = TestRuns.later(TestRuns.base(), 5, 300);
        run.set(later);
        long deadline = System.nanoTime() + 5_000_000_000L;
        double steps;
        do {
            Thread.sleep(100);
            steps = Http.scrape(started).value("oce_training_steps_total");
        } while (steps != later.steps() && System.nanoTime() < deadline);
        assertEquals(later.steps(), steps, 0.0);
    }

    @Test
    void aFailingReadKeepsTheLastViewAndWarnsOnce() throws Exception {
        scrapeOf(TestRuns.base());
        readFailure = new IllegalStateException("sensor gone");
        exporter.refresh();
        exporter.refresh();

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("sensor gone"), warnings.get(0));
        Http.scrape(started).assertValue(1234, "oce_training_steps_total");

        readFailure = null;
        Http.scrape(started); // still serving
        assertEquals(1, scrapeOf(TestRuns.base()).named("oce_training_steps_total").size());
    }

    @Test
    void statusJsonShowsTheSameNumbersAsMetrics() throws Exception {
        Scrape scrape = scrapeOf(TestRuns.full());
        HttpResponse<String> response = Http.get(started.baseUrl().resolve("status.json"));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        Map<String, Object> status = MiniJson.object(JsonReader.parse(response.body()));

        assertEquals(true, status.get("available"));
        assertEquals(TestRuns.RUN_ID, status.get("run_id"));
        assertEquals(scrape.value("oce_training_steps_total"), status.get("training_steps"));
        assertEquals(scrape.value("oce_training_progress_ratio"), status.get("training_progress_ratio"));
        assertEquals(scrape.value("oce_training_throughput_steps_per_second"),
            status.get("training_throughput_steps_per_second"));
        assertEquals(scrape.value("oce_emissions_grams_total"), status.get("emissions_grams"));
        assertEquals(scrape.value("oce_grid_intensity_grams_per_kwh"), status.get("grid_intensity_grams_per_kwh"));
        assertEquals(scrape.value("oce_pue_ratio"), status.get("pue_ratio"));
        assertEquals(scrape.value("oce_estimate_total_emissions_grams"), status.get("estimate_total_emissions_grams"));
        for (String component : List.of("gpu", "cpu", "dram")) {
            assertEquals(scrape.value("oce_power_watts", "component", component),
                MiniJson.object(status.get("power_watts")).get(component));
            assertEquals(scrape.value("oce_energy_joules_total", "component", component),
                MiniJson.object(status.get("energy_joules")).get(component));
        }
        Map<String, Object> forecast = MiniJson.object(status.get("forecast"));
        for (String bound : List.of("expected", "lower", "upper")) {
            assertEquals(scrape.value("oce_forecast_total_emissions_grams", "bound", bound),
                MiniJson.object(forecast.get("total_emissions_grams")).get(bound));
            assertEquals(scrape.value("oce_forecast_total_energy_joules", "bound", bound),
                MiniJson.object(forecast.get("total_energy_joules")).get(bound));
        }
        assertEquals(scrape.value("oce_forecast_remaining_seconds"), forecast.get("remaining_seconds"));
        assertEquals("live", status.get("grid_intensity_source"));
        Map<String, Object> advice = MiniJson.object(status.get("advice_greenest_start"));
        assertEquals(scrape.value("oce_advice_greenest_start_delay_seconds"), advice.get("delay_seconds"));
        assertEquals(scrape.value("oce_advice_greenest_start_remaining_emissions_grams"),
            advice.get("remaining_emissions_grams"));
        assertEquals(scrape.value("oce_budget_emissions_grams"), status.get("budget_emissions_grams"));
        assertEquals(scrape.value("oce_budget_energy_joules"), status.get("budget_energy_joules"));
        List<Object> gpus = MiniJson.array(status.get("gpus"));
        assertEquals(2, gpus.size());
        Map<String, Object> gpu0 = MiniJson.object(gpus.get(0));
        assertEquals(scrape.value("oce_gpu_power_watts", "gpu", "0"), gpu0.get("power_watts"));
        assertEquals(scrape.value("oce_gpu_utilization_ratio", "gpu", "0"), gpu0.get("utilization_ratio"));
        assertEquals(scrape.value("oce_gpu_memory_used_bytes", "gpu", "0"), gpu0.get("memory_used_bytes"));
        assertEquals(scrape.value("oce_gpu_energy_joules_total", "gpu", "0"), gpu0.get("energy_joules"));
    }

    @Test
    void statusJsonKeepsAHistoryOfPowerAndThroughput() throws Exception {
        scrapeOf(TestRuns.base());
        scrapeOf(TestRuns.later(TestRuns.base(), 1, 300));
        scrapeOf(TestRuns.later(TestRuns.base(), 2, 310));
        Map<String, Object> status = MiniJson.object(JsonReader.parse(
            Http.get(started.baseUrl().resolve("status.json")).body()));
        Map<String, Object> history = MiniJson.object(status.get("history"));

        assertEquals(List.of(61.5, 62.5, 63.5), history.get("elapsed_seconds"));
        assertEquals(List.of(301.75, 300.0, 310.0), history.get("power_watts"));
        assertEquals(List.of(12.5, 12.5, 12.5), history.get("throughput_steps_per_second"));
    }

    @Test
    void statusJsonSaysWhenNoSampleExistsYet() throws Exception {
        try (MetricsExporter empty = MetricsExporter.start(ExporterOptions.plain("127.0.0.1", 0), () -> null,
                warnings::add).exporter().orElseThrow()) {
            String body = Http.get(java.net.URI.create("http://127.0.0.1:" + empty.port() + "/status.json")).body();
            assertEquals("{\"available\":false}", body);
            String metrics = Http.get(java.net.URI.create("http://127.0.0.1:" + empty.port() + "/metrics")).body();
            assertFalse(metrics.contains("oce_"), metrics);
        }
    }

    @Test
    void servesASelfContainedStatusPage() throws Exception {
        for (String path : List.of("", "status")) {
            HttpResponse<String> page = Http.get(started.baseUrl().resolve(path));
            assertEquals(200, page.statusCode(), path);
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(page.body().contains("fetch(\"status.json\""), "the page polls status.json");
            assertFalse(page.body().matches("(?s).*(src|href)\\s*=.*"), "no external scripts, styles or links");
            assertFalse(page.body().contains("http://") || page.body().contains("https://"), "nothing remote");
            assertTrue(page.body().contains(PageStyle.css()), "the stylesheet it shares with report --html, inlined");
            assertFalse(page.body().contains("{{"), "no placeholder left");
        }
        assertEquals(404, Http.get(started.baseUrl().resolve("favicon.ico")).statusCode());
        assertEquals(200, Http.get(started.baseUrl().resolve("-/healthy")).statusCode());
    }

    @Test
    void reportsItsUrlAndClosesTwiceQuietly() {
        assertEquals("http://127.0.0.1:" + exporter.port() + "/", started.baseUrl().toString());
        assertEquals("http://127.0.0.1:" + exporter.port() + "/metrics", started.metricsUrl().toString());
        assertTrue(started.message().contains(started.metricsUrl().toString()), started.message());
        exporter.close();
        exporter.close();
    }
}
