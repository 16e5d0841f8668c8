package org.opencarboneval.exporter;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Registers meters that read the latest run view, tagged with the run's {@code run_id}.
 *
 * <p>Names are Micrometer's dotted form; the Prometheus naming convention turns {@code oce.energy} with base unit
 * {@code joules} into {@code oce_energy_joules}, and the Prometheus client adds {@code _total} to counters.
 */
final class MeterFactory {

    private final MeterRegistry registry;
    private final LatestView latest;
    private final Tags run;

    MeterFactory(MeterRegistry registry, LatestView latest, String runId) {
        this.registry = registry;
        this.latest = latest;
        this.run = Tags.of("run_id", runId);
    }

    /** @param unit the base unit, appended to the name unless it already ends with it; null for none */
    Gauge gauge(String name, String unit, String help, Tags tags, ToDoubleFunction<RunView> value) {
        return Gauge.builder(name, latest, view -> value.applyAsDouble(view.current()))
            .baseUnit(unit)
            .description(help)
            .tags(run.and(tags))
            .strongReference(true)
            .register(registry);
    }

    /** A counter over a cumulative value of the view (which never decreases), not one this exporter increments. */
    FunctionCounter counter(String name, String unit, String help, Tags tags, ToDoubleFunction<RunView> value) {
        return FunctionCounter.builder(name, latest, view -> value.applyAsDouble(view.current()))
            .baseUnit(unit)
            .description(help)
            .tags(run.and(tags))
            .register(registry);
    }
}
