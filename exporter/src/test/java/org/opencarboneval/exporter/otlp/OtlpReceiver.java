package org.opencarboneval.exporter.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;

/**
 * A loopback OTLP/HTTP metrics receiver, as a collector's {@code otlphttp} receiver: takes {@code POST /v1/metrics}
 * with an {@code application/x-protobuf} body, decodes it with the OTLP message classes and answers with the status
 * the test chose (200 with an empty {@code ExportMetricsServiceResponse}, or an error).
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One push as received: its headers and decoded body. */
    public record Push(Map<String, List<String>> headers, ExportMetricsServiceRequest request) {

        /** Every metric of the push by name (the agent sends one resource, one scope). */
        public Map<String, Metric> metrics() {
            return request.getResourceMetricsList().stream().map(ResourceMetrics::getScopeMetricsList)
                .flatMap(List::stream).map(ScopeMetrics::getMetricsList).flatMap(List::stream)
                .collect(Collectors.toMap(Metric::getName, m -> m, (a, b) -> a));
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Push> pushes = new LinkedBlockingQueue<>();
    private volatile int status = 200;

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/metrics", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                boolean protobuf = "application/x-protobuf".equals(
                    exchange.getRequestHeaders().getFirst("Content-Type"));
                int answer = !exchange.getRequestMethod().equals("POST") ? 405 : !protobuf ? 415 : receiver.status;
                if (answer == 200) {
                    receiver.pushes.add(new Push(Map.copyOf(exchange.getRequestHeaders()),
                        ExportMetricsServiceRequest.parseFrom(bytes)));
                }
                // an empty ExportMetricsServiceResponse: no bytes
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(answer, -1);
            }
        });
        server.start();
        return receiver;
    }

    /** The metrics URL to push to. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/metrics");
    }

    /** Answers every push from now on with this HTTP status (pushes answered with an error are not kept). */
    public void answer(int status) {
        this.status = status;
    }

    /** The next push, or empty when none comes within {@code timeout}. */
    public Optional<Push> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(pushes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Waits for a push that satisfies {@code condition}, dropping earlier ones. */
    public Push await(Predicate<Push> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Push> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Optional<Push> push = next(Duration.ofMillis(200));
            if (push.isPresent()) {
                if (condition.test(push.get())) {
                    return push.get();
                }
                seen.add(push.get());
            }
        }
        throw new AssertionError("no matching OTLP push within " + timeout + "; " + seen.size() + " others came"
            + (seen.isEmpty() ? "" : ", the last:\n" + seen.get(seen.size() - 1).request()));
    }

    /** The value of the metric's number point whose attributes include all of {@code attributes}. */
    public static NumberDataPoint point(Metric metric, Map<String, String> attributes) {
        List<NumberDataPoint> points = metric.hasSum() ? metric.getSum().getDataPointsList()
            : metric.getGauge().getDataPointsList();
        return points.stream().filter(p -> attributes(p).entrySet().containsAll(attributes.entrySet())).findFirst()
            .orElseThrow(() -> new AssertionError("no point of " + metric.getName() + " with " + attributes + " in "
                + points));
    }

    public static Map<String, String> attributes(NumberDataPoint point) {
        return point.getAttributesList().stream()
            .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
