package org.opencarboneval.exporter;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Reads the run's view from the agent, once a second and on demand: makes it the latest view, brings the set of
 * series in line with it and adds it to the chart's history. A failing read keeps the previous view and is reported
 * once, not once a second; it never reaches the caller.
 */
final class ViewRefresher {

    private final Supplier<RunView> source;
    private final LatestView latest;
    private final PrometheusMeterRegistry registry;
    private final StatusHistory history;
    private final Consumer<String> warnings;
    private RunMeters meters;
    private boolean failing;

    ViewRefresher(Supplier<RunView> source, LatestView latest, PrometheusMeterRegistry registry,
            StatusHistory history, Consumer<String> warnings) {
        this.source = source;
        this.latest = latest;
        this.registry = registry;
        this.history = history;
        this.warnings = warnings;
    }

    synchronized void refresh() {
        try {
            RunView view = source.get();
            if (view == null) {
                return; // the run has no sample yet
            }
            latest.set(view);
            if (meters == null) {
                meters = new RunMeters(registry, latest, view);
            }
            meters.show(view);
            history.add(view);
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                warnings.accept("metrics keep the last reading: cannot read the run's state: " + e);
            }
            failing = true;
        }
    }
}
