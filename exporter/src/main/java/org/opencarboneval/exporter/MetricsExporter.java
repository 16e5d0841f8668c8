package org.opencarboneval.exporter;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The run's Prometheus endpoint and live status page.
 *
 * <pre>{@code
 * StartResult result = MetricsExporter.start(ExporterOptions.plain("0.0.0.0", 9464), () -> adapt(loop.latest()),
 *     System.err::println);
 * System.err.println(result.message());          // where to look, or why not
 * result.exporter().ifPresent(exporter -> ...);  // close() it at the end of the run
 * }</pre>
 *
 * <p>The supplier returns the run's latest view, or null before the first one; it is read once a second (and by
 * {@link #refresh()}), and both {@code /metrics} and {@code /status.json} show the view read last.
 */
public final class MetricsExporter implements AutoCloseable {

    /** The chart keeps at most this many points, spread over the whole run. */
    static final int HISTORY_POINTS = 600;
    private static final long REFRESH_MILLIS = 1000;

    private final HttpEndpoint endpoint;
    private final ViewRefresher refresher;
    private final ScheduledExecutorService ticker;

    private MetricsExporter(HttpEndpoint endpoint, ViewRefresher refresher, ScheduledExecutorService ticker) {
        this.endpoint = endpoint;
        this.refresher = refresher;
        this.ticker = ticker;
    }

    /**
     * Starts the endpoint. Never throws: a port in use, a bad host or keystore, or anything else becomes a
     * {@link StartResult.Failed} with one line saying why, and the caller goes on without metrics.
     *
     * @param warnings receives a line when reading the run fails later (once until it recovers)
     */
    public static StartResult start(ExporterOptions options, Supplier<RunView> run, Consumer<String> warnings) {
        try {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            LatestView latest = new LatestView();
            StatusHistory history = new StatusHistory(HISTORY_POINTS);
            ViewRefresher refresher = new ViewRefresher(run, latest, registry, history, warnings);
            refresher.refresh(); // the first scrape already shows the run
            HttpEndpoint endpoint = HttpEndpoint.open(options, registry.getPrometheusRegistry(),
                StatusHandler.create(latest, history));
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "opencarboneval-exporter");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleWithFixedDelay(refresher::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
            return new StartResult.Started(new MetricsExporter(endpoint, refresher, ticker), endpoint.baseUrl());
        } catch (HttpEndpoint.NotStarted e) {
            return StartResult.Failed.because(e.getMessage(), e.atThePort);
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: e.g. a trimmed Java runtime without the jdk.httpserver module
            return StartResult.Failed.because(e.toString(), false);
        }
    }

    /** The port it listens on: the one asked for, or the free one chosen for port 0. */
    public int port() {
        return endpoint.port();
    }

    /** Reads the run's view now instead of at the next second, e.g. right after the agent took a new sample. */
    public void refresh() {
        refresher.refresh();
    }

    /** Stops serving; idempotent. */
    @Override
    public void close() {
        ticker.shutdownNow();
        endpoint.close();
    }
}
