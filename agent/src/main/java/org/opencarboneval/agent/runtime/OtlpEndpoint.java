package org.opencarboneval.agent.runtime;

import java.util.Optional;
import java.util.function.Consumer;

import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.OtlpSettings;
import org.opencarboneval.agent.config.SettingsException;
import org.opencarboneval.exporter.otlp.OtlpOptions;
import org.opencarboneval.exporter.otlp.OtlpPush;

/**
 * Starts the OTLP push once sampling is up, when {@code otlp.endpoint} is set. It says where it pushes, or why it
 * does not, in one line; each failed push is counted as {@code otlp_push} (the first one said), never thrown.
 */
final class OtlpEndpoint {

    private OtlpEndpoint() {
    }

    /** The running push, to push once more after the run's last sample; empty when off or not started. */
    static Optional<OtlpPush> start(AgentSettings settings, SamplingLoop loop, Consumer<String> console) {
        Optional<OtlpOptions> options;
        try {
            options = OtlpSettings.options(settings);
        } catch (SettingsException e) {
            console.accept("OTLP push not started: " + e.getMessage());
            return Optional.empty();
        }
        if (options.isEmpty()) {
            return Optional.empty();
        }
        RunViews views = RunViews.of(settings);
        OtlpPush push;
        try {
            push = OtlpPush.start(options.get(), () -> views.view(loop),
                failure -> loop.errors().count(AgentErrors.Kind.OTLP_PUSH, failure));
        } catch (RuntimeException | LinkageError failure) {
            console.accept("OTLP push not started: " + failure);
            return Optional.empty();
        }
        console.accept("OTLP metrics pushed to " + options.get().endpoint() + " every "
            + options.get().interval().toMillis() / 1000.0 + " s");
        OtlpSettings.portWarning(options.get()).ifPresent(console);
        return Optional.of(push);
    }
}
