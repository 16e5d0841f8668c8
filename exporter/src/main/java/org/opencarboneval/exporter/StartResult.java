package org.opencarboneval.exporter;

import java.net.URI;
import java.util.Optional;

/** The outcome of starting the exporter: running at a URL, or not running for one stated reason. */
public sealed interface StartResult {

    /** The running exporter, if it started. */
    Optional<MetricsExporter> exporter();

    /** One line for the console: where to look, or why there is nothing to look at. */
    String message();

    /** @param baseUrl the endpoint's root, e.g. {@code http://localhost:9464/}: the status page */
    record Started(MetricsExporter running, URI baseUrl) implements StartResult {

        public URI metricsUrl() {
            return baseUrl.resolve("metrics");
        }

        @Override
        public Optional<MetricsExporter> exporter() {
            return Optional.of(running);
        }

        @Override
        public String message() {
            return "metrics at " + metricsUrl() + ", status page at " + baseUrl;
        }
    }

    /**
     * @param reason e.g. "metrics endpoint not started: port 9464 on 127.0.0.1 is already in use (...)"
     * @param atThePort whether the port could not be listened on (taken, or refused), not the host, TLS or settings
     */
    record Failed(String reason, boolean atThePort) implements StartResult {

        static Failed because(String why, boolean atThePort) {
            return new Failed("metrics endpoint not started: " + why, atThePort);
        }

        @Override
        public Optional<MetricsExporter> exporter() {
            return Optional.empty();
        }

        @Override
        public String message() {
            return reason;
        }
    }
}
