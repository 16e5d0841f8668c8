package org.opencarboneval.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencarboneval.exporter.otlp.OtlpReceiver.point;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencarboneval.exporter.otlp.OtlpOptions;
import org.opencarboneval.exporter.otlp.OtlpPush;
import org.opencarboneval.exporter.otlp.OtlpReceiver;

class OtlpPushTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<String> failures = new CopyOnWriteArrayList<>();
    private OtlpReceiver receiver;
    private OtlpPush push;

    @AfterEach
    void stop() {
        if (push != null) {
            push.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** Every 3 s: a failing push's retries end before the next push begins, as with the default 60 s. */
    private OtlpPush start(URI endpoint, Map<String, String> headers, RunView view) {
        push = OtlpPush.start(new OtlpOptions(endpoint, Duration.ofSeconds(3), headers), () -> view, failures::add);
        return push;
    }

    @Test
    void pushesTheRunByTheHardwareConventionsWithUnitsAttributesAndValues() throws Exception {
        receiver = OtlpReceiver.start();
        RunView view = TestRuns.full();
        start(receiver.endpoint(), Map.of("Authorization", "Bearer s3cret"), view);
        OtlpReceiver.Push got = receiver.await(p -> p.metrics().containsKey("hw.energy"), WAIT);
        Map<String, Metric> metrics = got.metrics();
        assertEquals("Bearer s3cret", got.header("Authorization"));
        assertEquals("opencarboneval", got.request().getResourceMetrics(0).getResource().getAttributesList().stream()
            .filter(a -> a.getKey().equals("service.name")).findFirst().orElseThrow().getValue().getStringValue());

        Metric energy = metrics.get("hw.energy");
        assertEquals("J", energy.getUnit());
        assertTrue(energy.getSum().getIsMonotonic(), "a counter");
        assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
            energy.getSum().getAggregationTemporality());
        RunView.Gpu gpu = view.gpus().get(0);
        assertEquals(gpu.energyJoules(), point(energy, Map.of("hw.type", "gpu", "hw.id", gpu.uuid(),
            "hw.name", gpu.name(), "opencarboneval.run.id", view.runId())).getAsDouble());
        assertEquals(view.energyJoules().cpu(), point(energy, Map.of("hw.type", "cpu")).getAsDouble());
        assertEquals(view.energyJoules().dram(), point(energy, Map.of("hw.type", "memory")).getAsDouble());
        assertEquals(4, energy.getSum().getDataPointsCount(), "two GPUs, the CPU and memory; no host total here");

        Metric power = metrics.get("hw.power");
        assertEquals("W", power.getUnit());
        assertTrue(power.hasGauge());
        assertEquals(gpu.powerWatts(), point(power, Map.of("hw.id", gpu.uuid())).getAsDouble());
        assertEquals(view.energyJoules().total(), point(metrics.get("hw.host.energy"), Map.of("hw.id", "host"))
            .getAsDouble());
        assertEquals(view.powerWatts().total(), point(metrics.get("hw.host.power"), Map.of()).getAsDouble());

        Metric emissions = metrics.get("opencarboneval.emissions");
        assertEquals("g", emissions.getUnit());
        assertEquals(view.emissionsGrams(), point(emissions, Map.of()).getAsDouble());
        assertEquals(view.steps(), point(metrics.get("opencarboneval.training.steps"), Map.of()).getAsInt());
        assertEquals(view.progressRatio().getAsDouble(),
            point(metrics.get("opencarboneval.training.progress"), Map.of()).getAsDouble());
        RunView.Bounds total = view.forecast().orElseThrow().totalEmissionsGrams();
        Metric forecast = metrics.get("opencarboneval.forecast.emissions");
        assertEquals("g", forecast.getUnit());
        assertEquals(total.expected(), point(forecast, Map.of("opencarboneval.bound", "expected")).getAsDouble());
        assertEquals(total.lower(), point(forecast, Map.of("opencarboneval.bound", "lower")).getAsDouble());
        assertEquals(total.upper(), point(forecast, Map.of("opencarboneval.bound", "upper")).getAsDouble());
        assertEquals("s", metrics.get("opencarboneval.forecast.remaining").getUnit());
        assertEquals(List.of(), failures);
    }

    @Test
    void aRefusedPushIsOneLineAndTheNextOneTriesAgain() throws Exception {
        receiver = OtlpReceiver.start();
        receiver.answer(503);
        start(receiver.endpoint(), Map.of(), TestRuns.full());
        awaitFailure();
        assertTrue(failures.get(0).startsWith("OTLP push to " + receiver.endpoint() + " failed"), failures.get(0));
        assertTrue(failures.get(0).contains("503"), "the answer is named: " + failures.get(0));
        assertEquals(1, failures.get(0).lines().count(), "one line");
        receiver.answer(200);
        receiver.await(p -> p.metrics().containsKey("hw.energy"), WAIT);
    }

    @Test
    void noReceiverIsOneLineToo() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        start(URI.create("http://127.0.0.1:" + closed + "/v1/metrics"), Map.of(), TestRuns.full());
        awaitFailure();
        assertEquals(1, failures.get(0).lines().count(), failures.get(0));
        assertTrue(failures.get(0).contains("Connect"), "the cause is named: " + failures.get(0));
    }

    private void awaitFailure() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(!failures.isEmpty(), "a failed push is said");
    }
}
