package org.opencarboneval.exporter;

import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters that exist only while the run has the values they show (a GPU, the forecast, the progress ratio):
 * registered when the values appear, removed when they go, so Prometheus sees no series rather than a made-up number.
 * Only the refresher calls {@link #show}, from one thread at a time.
 */
final class MeterGroup {

    private final MeterRegistry registry;
    private final Supplier<List<Meter>> registration;
    private List<Meter> meters = List.of();

    MeterGroup(MeterRegistry registry, Supplier<List<Meter>> registration) {
        this.registry = registry;
        this.registration = registration;
    }

    void show(boolean present) {
        if (present && meters.isEmpty()) {
            meters = registration.get();
        } else if (!present && !meters.isEmpty()) {
            meters.forEach(registry::remove);
            meters = List.of();
        }
    }
}
