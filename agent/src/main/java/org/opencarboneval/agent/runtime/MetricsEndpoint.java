package org.opencarboneval.agent.runtime;

import java.util.Optional;
import java.util.function.Consumer;

import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.EndpointSettings;
import org.opencarboneval.agent.config.SettingsException;
import org.opencarboneval.exporter.ExporterOptions;
import org.opencarboneval.exporter.MetricsExporter;
import org.opencarboneval.exporter.StartResult;

/**
 * Starts the run's Prometheus endpoint and status page once sampling is up, re-read at every new sample. It says
 * where to look, or why there is nothing to look at, in one line; a failure never reaches the training.
 */
final class MetricsEndpoint {

    private MetricsEndpoint() {
    }

    /** The running exporter, to close after the run's last sample; empty when off or not started. */
    static Optional<MetricsExporter> start(AgentSettings settings, RankPlacement placement, SamplingLoop loop,
                                           Consumer<String> console) {
        if (!settings.metrics()) {
            return Optional.empty();
        }
        ExporterOptions options;
        int givenPort;
        try {
            ExporterOptions given = EndpointSettings.options(settings);
            givenPort = given.port();
            options = new ExporterOptions(given.host(), placement.port(givenPort), given.basicAuth(), given.tls());
        } catch (SettingsException e) {
            console.accept("metrics endpoint not started: " + e.getMessage());
            return Optional.empty();
        }
        RunViews views = RunViews.of(settings);
        StartResult result = MetricsExporter.start(options, () -> views.view(loop), console);
        int offset = options.port() - givenPort;
        boolean portRefused = result instanceof StartResult.Failed failed && failed.atThePort();
        console.accept(result.message() + (portRefused && offset != 0
            ? " (the port is " + givenPort + " + " + offset + ", this rank's place on its node)" : ""));
        if (result.exporter().isPresent()) {
            EndpointSettings.exposureWarning(options).ifPresent(console);
        }
        result.exporter().ifPresent(exporter -> loop.afterEachSample(exporter::refresh));
        return result.exporter();
    }
}
