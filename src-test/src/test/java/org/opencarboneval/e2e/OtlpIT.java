package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencarboneval.e2e.TrainingJvm.DL4J;
import static org.opencarboneval.e2e.TrainingJvm.DL4J_MAIN;
import static org.opencarboneval.exporter.otlp.OtlpReceiver.point;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencarboneval.exporter.otlp.OtlpReceiver;

/**
 * The agent in a real DL4J training pushes OTLP/HTTP to a loopback receiver that decodes the protobuf as a collector
 * would: energy and power by the hardware conventions for the NVML stand-in's two GPUs (250 W and 150 W), the run's
 * CO2e and forecast, the headers given; a receiver that refuses costs one line and a count, never the job.
 */
@Timeout(300)
class OtlpIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void pushesEnergyPowerCo2eAndTheForecastByTheConventions() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            NvmlStandIn nvml = NvmlStandIn.twoGpus();
            TrainingJvm training = TrainingJvm.startExample("otlp-training", DL4J, DL4J_MAIN, "run_id=otlp,"
                + "interval=0.5,console=false,metrics=false,otlp.interval=1,otlp.endpoint=" + receiver.endpoint()
                + ",otlp.headers=Authorization=Bearer%20e2e;X-Scope-OrgID=team-a," + nvml.agentArgument(),
                nvml.environment(), TrainingJvm.forecastedTraining());
            OtlpReceiver.Push push = receiver.await(p -> p.metrics().containsKey("opencarboneval.forecast.emissions"),
                WAIT);
            assertEquals("Bearer e2e", push.header("Authorization"));
            assertEquals("team-a", push.header("X-Scope-OrgID"));
            Map<String, Metric> metrics = push.metrics();

            Metric power = metrics.get("hw.power");
            assertEquals("W", power.getUnit());
            List<NumberDataPoint> gpus = power.getGauge().getDataPointsList().stream()
                .filter(p -> "gpu".equals(OtlpReceiver.attributes(p).get("hw.type"))).toList();
            assertEquals(2, gpus.size(), "a point per GPU: " + gpus);
            assertEquals(400, gpus.stream().mapToDouble(NumberDataPoint::getAsDouble).sum(), 1e-9,
                "the stand-in's 250 W and 150 W");
            gpus.forEach(p -> assertTrue(OtlpReceiver.attributes(p).get("hw.id").startsWith("GPU-"), "hw.id: " + p));

            Metric energy = metrics.get("hw.energy");
            assertEquals("J", energy.getUnit());
            assertTrue(energy.getSum().getIsMonotonic());
            double gpuJoules = energy.getSum().getDataPointsList().stream()
                .filter(p -> "gpu".equals(OtlpReceiver.attributes(p).get("hw.type")))
                .mapToDouble(NumberDataPoint::getAsDouble).sum();
            double hostJoules = point(metrics.get("hw.host.energy"), Map.of("hw.id", "host")).getAsDouble();
            assertTrue(gpuJoules > 0 && hostJoules >= gpuJoules, "GPU " + gpuJoules + " J of host " + hostJoules);
            assertEquals("otlp", OtlpReceiver.attributes(point(energy, Map.of())).get("opencarboneval.run.id"));

            double grams = point(metrics.get("opencarboneval.emissions"), Map.of()).getAsDouble();
            assertTrue(grams > 0, "CO2e so far: " + grams);
            Metric forecast = metrics.get("opencarboneval.forecast.emissions");
            double expected = point(forecast, Map.of("opencarboneval.bound", "expected")).getAsDouble();
            assertTrue(point(forecast, Map.of("opencarboneval.bound", "lower")).getAsDouble() <= expected
                && expected <= point(forecast, Map.of("opencarboneval.bound", "upper")).getAsDouble());
            assertTrue(expected >= grams, "the forecast total is at least what was emitted: " + expected);

            assertEquals(0, training.finish(), training.stderr());
            assertTrue(training.stderr().contains("OTLP metrics pushed to " + receiver.endpoint() + " every 1.0 s"),
                training.stderr());
            long steps = TrainingJvm.printed(training.stdout(), "steps");
            receiver.await(p -> p.metrics().containsKey("opencarboneval.training.steps")
                && point(p.metrics().get("opencarboneval.training.steps"), Map.of()).getAsInt() == steps, WAIT);
        }
    }

    @Test
    void aReceiverThatRefusesCostsOneLineAndACountNeverTheJob() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            receiver.answer(503);
            try (MonitoredRun run = MonitoredRun.start("e2e-otlp-refused", "interval=0.5,otlp.interval=1,"
                    + "otlp.endpoint=" + receiver.endpoint())) {
                Scrape counted = run.awaitScrape(s -> s.has("oce_agent_errors_total")
                    && s.value("oce_agent_errors_total", "kind", "otlp_push") >= 2, "two failed pushes counted");
                Scrape later = run.awaitScrape(s -> s.value("oce_training_steps_total")
                    > counted.value("oce_training_steps_total"), "training going on");
                assertTrue(later.value("oce_training_steps_total") > 0);
                List<String> lines = run.stderr().lines().filter(l -> l.contains("OTLP push to")).toList();
                assertEquals(1, lines.size(), "one line for all the failures: " + run.stderr());
                assertTrue(lines.get(0).startsWith("[opencarboneval] ") && lines.get(0).contains("HTTP 503")
                    && lines.get(0).contains("otlp_push"), lines.get(0));
            }
        }
    }
}
