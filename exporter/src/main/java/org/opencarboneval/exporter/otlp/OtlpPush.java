package org.opencarboneval.exporter.otlp;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;

import org.opencarboneval.exporter.RunView;

/**
 * Pushes the run's metrics ({@link RunInstruments}) over OTLP/HTTP protobuf every interval, on the SDK's daemon
 * thread, and once more at the end ({@link #pushLast}). A push that fails (connection refused, a 4xx or 5xx answer,
 * a timeout) is handed to {@code failures} as one line and the next push tries again; nothing reaches the training.
 *
 * <p>The SDK logs its own failures through {@code java.util.logging}, several lines with a stack trace each; its
 * loggers are switched off, as the line to {@code failures} says it once. In the agent jar the SDK is relocated, so
 * this never touches the loggers of an application's own OpenTelemetry.
 */
public final class OtlpPush implements AutoCloseable {

    /** How long one attempt may take. */
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A push that meets a transient failure (503, 429, a refused connection) tries twice more, 0.5 s and about 1 s
     * later, then counts as failed; the next interval's push starts afresh.
     */
    private static final RetryPolicy RETRY = RetryPolicy.builder().setMaxAttempts(3)
        .setInitialBackoff(Duration.ofMillis(500)).setMaxBackoff(Duration.ofSeconds(1)).setBackoffMultiplier(2)
        .build();
    /** Held so that the switched-off loggers are not collected and recreated with their default level. */
    private static final Logger[] SILENCED = silenceSdkLoggers();

    private final SdkMeterProvider provider;

    private OtlpPush(SdkMeterProvider provider) {
        this.provider = provider;
    }

    /** Starts pushing; the first push is one interval from now. */
    public static OtlpPush start(OtlpOptions options, Supplier<RunView> run, Consumer<String> failures) {
        OtlpHttpMetricExporterBuilder exporter = OtlpHttpMetricExporter.builder()
            .setEndpoint(options.endpoint().toString())
            .setTimeout(PUSH_TIMEOUT)
            .setRetryPolicy(RETRY);
        options.headers().forEach(exporter::addHeader);
        MetricExporter reporting = new Reporting(exporter.build(), options.endpoint().toString(), failures);
        SdkMeterProvider provider = SdkMeterProvider.builder()
            .setResource(Resource.getDefault().merge(Resource.builder().put("service.name", "opencarboneval")
                .build()))
            .registerMetricReader(PeriodicMetricReader.builder(reporting).setInterval(options.interval()).build())
            .build();
        RunInstruments.register(provider.get("org.opencarboneval"), run);
        return new OtlpPush(provider);
    }

    /**
     * Pushes the run as it is now, waiting at most {@code millis} for the answer: the exit's last push. Unlike
     * {@link #close}, never blocks longer (the SDK's shutdown waits seconds for its reader); the push's threads are
     * daemons and end with the JVM.
     */
    public void pushLast(long millis) {
        provider.forceFlush().join(Math.max(1, millis), TimeUnit.MILLISECONDS);
    }

    /** Pushes once more and stops the SDK's threads; may take a few seconds against a receiver that does not answer. */
    @Override
    public void close() {
        provider.shutdown().join(PUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Logger[] silenceSdkLoggers() {
        // the root of the SDK's packages, as named in this jar (relocated in the agent's)
        String metrics = SdkMeterProvider.class.getPackageName();
        String root = metrics.substring(0, metrics.length() - ".sdk.metrics".length());
        Logger[] loggers = {Logger.getLogger(root + ".sdk"), Logger.getLogger(root + ".exporter")};
        for (Logger logger : loggers) {
            logger.setLevel(Level.OFF);
        }
        return loggers;
    }

    /** The OTLP exporter, saying each failed push to {@code failures}. */
    private static final class Reporting implements MetricExporter {

        private final MetricExporter delegate;
        private final String endpoint;
        private final Consumer<String> failures;

        Reporting(MetricExporter delegate, String endpoint, Consumer<String> failures) {
            this.delegate = delegate;
            this.endpoint = endpoint;
            this.failures = failures;
        }

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            CompletableResultCode result = delegate.export(metrics);
            result.whenComplete(() -> {
                if (!result.isSuccess()) {
                    failures.accept("OTLP push to " + endpoint + " failed, the next one tries again: "
                        + reason(result.getFailureThrowable()));
                }
            });
            return result;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return delegate.getAggregationTemporality(instrumentType);
        }

        /** The receiver's answer, or what kept the push from getting one. */
        private static String reason(Throwable failure) {
            if (failure instanceof FailedExportException.HttpExportException http && http.failedWithResponse()) {
                // the SDK's own (internal) failure type is the one place the HTTP status is kept
                String code = Integer.toString(http.getResponse().getStatusCode());
                String message = http.getResponse().getStatusMessage();
                return "HTTP " + code + (message == null || message.isBlank() || message.equals(code) ? ""
                    : " " + message);
            }
            if (failure == null) {
                return "no answer within " + PUSH_TIMEOUT.toSeconds() + " s";
            }
            return String.valueOf(failure.getCause() != null ? failure.getCause() : failure);
        }
    }
}
