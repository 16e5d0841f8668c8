package org.opencarboneval.exporter.otlp;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how often to push the run's metrics over OTLP/HTTP.
 *
 * @param endpoint the metrics URL itself, e.g. {@code http://collector:4318/v1/metrics}
 * @param interval time between pushes (OpenTelemetry's default is 60 s)
 * @param headers  sent with every push, e.g. an {@code Authorization} header
 */
public record OtlpOptions(URI endpoint, Duration interval, Map<String, String> headers) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    public OtlpOptions {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(interval, "interval");
        headers = Map.copyOf(headers);
    }
}
