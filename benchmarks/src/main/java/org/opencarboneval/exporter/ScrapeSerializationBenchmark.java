package org.opencarboneval.exporter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one {@code GET /metrics} costs the exporter before the HTTP layer: collecting the registry's snapshot and
 * writing it in the format the request's Accept header picks, for a busy run's view (8 GPUs, progress, forecast and
 * a-priori estimate present). In the exporter's package because its meters ({@link RunMeters}) are package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScrapeSerializationBenchmark {

    /** What Prometheus 2.x sends, which picks OpenMetrics; and the classic text format. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
        + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final String TEXT_ACCEPT = "text/plain;version=0.0.4";

    @Param({"openmetrics", "text"})
    public String format;

    private PrometheusMeterRegistry registry;
    /** Held here because the meters hold their state object weakly (see LatestView). */
    private LatestView latest;
    private ExpositionFormatWriter writer;

    @Setup
    public void setUp() throws IOException {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        latest = new LatestView();
        RunView view = busyRun(8);
        latest.set(view);
        new RunMeters(registry, latest, view).show(view);
        writer = ExpositionFormats.init(PrometheusProperties.builder().build())
            .findWriter("openmetrics".equals(format) ? PROMETHEUS_ACCEPT : TEXT_ACCEPT);
        if (!new String(scrape(), java.nio.charset.StandardCharsets.UTF_8).contains("oce_gpu_power_watts")) {
            throw new IllegalStateException("the scrape lacks the GPU series");
        }
    }

    @Benchmark
    public byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        writer.write(out, registry.getPrometheusRegistry().scrape());
        return out.toByteArray();
    }

    private static RunView busyRun(int gpus) {
        List<RunView.Gpu> devices = IntStream.range(0, gpus).mapToObj(i -> new RunView.Gpu(i,
            "GPU-" + String.format("%08d", i) + "-1111-2222-3333-444444444444", "NVIDIA H100 80GB HBM3",
            612.5 + i, 0.93, 71_000_000_000L + i, 8.5e7 + i)).toList();
        RunView.Forecast forecast = new RunView.Forecast(new RunView.Bounds(5.2e5, 4.9e5, 5.6e5),
            new RunView.Bounds(4.1e9, 3.9e9, 4.4e9), 86_400.5);
        return new RunView("llm-pretrain-7b", 36_000.5, 1_234_567, OptionalDouble.of(0.4), 34.25,
            new RunView.PerComponent(4_900, 350, 60), new RunView.PerComponent(1.7e9, 1.2e8, 2.1e7), 2.2e5, devices,
            380, 1.1, Optional.of(forecast), OptionalDouble.of(5.5e5),
            new RunView.Info("0.1.0-SNAPSHOT", "NVIDIA H100 SXM5", "DE", "region table"),
            Map.of("gpu_read", 0L, "host_read", 0L, "ledger_write", 0L, "forecast", 0L, "tick", 0L));
    }
}
