package org.opencarboneval.agent.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.progress.TotalSteps;
import org.opencarboneval.agent.runtime.CarbonFactors;
import org.opencarboneval.agent.runtime.Components;
import org.opencarboneval.agent.runtime.GpuState;
import org.opencarboneval.agent.runtime.RunForecast;
import org.opencarboneval.agent.runtime.RunSnapshot;
import org.opencarboneval.calibration.Range;

class FlightEventsTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final RunForecast FORECAST = new RunForecast(new Range(9e5, 1e6, 1.2e6), new Range(90, 100, 120),
        new Range(1800, 2000, 2400), 0);

    private static RunSnapshot at(double seconds, double gpuJoules, double gpuZeroJoules) {
        List<GpuState> gpus = List.of(new GpuState(0, "GPU-0", "NVIDIA H100", 300, gpuZeroJoules, 0.75, 1L << 30, 1.0));
        return new RunSnapshot("r1", 1, START, START.plusMillis(Math.round(seconds * 1000)), seconds, 500, 500, 0, 1,
            Optional.of(new TotalSteps(2000, "config")), 10, new Components(300, 40, 5),
            new Components(gpuJoules, 40 * seconds, 5 * seconds), 0, gpus, 12.5, new CarbonFactors("DE", 0.4, 1.1),
            Optional.of(FORECAST), OptionalDouble.empty());
    }

    @Test
    void commitsEachIntervalsEnergyPowerAndTheForecast(@TempDir Path dir) throws Exception {
        FlightEvents events = FlightEvents.create(line -> { }).orElseThrow();
        Path file = dir.resolve("events.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("org.opencarboneval.ComponentEnergy");
            recording.enable("org.opencarboneval.GpuEnergy");
            recording.enable("org.opencarboneval.Forecast");
            recording.start();
            events.record(at(10, 3000, 3000));
            events.record(at(12, 3600, 3600));
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> recorded = RecordingFile.readAllEvents(file);
        List<RecordedEvent> components = named(recorded, "org.opencarboneval.ComponentEnergy");
        assertEquals(3, components.size(), "one per component for the one interval: " + recorded);
        RecordedEvent gpu = components.stream().filter(e -> e.getString("component").equals("gpu")).findFirst()
            .orElseThrow();
        assertEquals(600, gpu.getDouble("energy"), 1e-9);
        assertEquals(300, gpu.getDouble("averagePower"), 1e-9, "600 J in 2 s");
        assertEquals(2000, gpu.getLong("interval"));
        assertEquals("r1", gpu.getString("runId"));
        assertFalse(gpu.hasField("stackTrace") && gpu.getStackTrace() != null, "no stack trace");

        RecordedEvent one = named(recorded, "org.opencarboneval.GpuEnergy").get(0);
        assertEquals(600, one.getDouble("energy"), 1e-9);
        assertEquals(0.75, one.getDouble("utilization"), 1e-9);
        assertEquals("GPU-0", one.getString("uuid"));

        RecordedEvent forecast = named(recorded, "org.opencarboneval.Forecast").get(0);
        assertEquals(1e6, forecast.getDouble("totalEnergy"), 1e-9);
        assertEquals(120, forecast.getDouble("totalEmissionsUpper"), 1e-9);
        assertEquals(2_000_000, forecast.getLong("remaining"));
        assertEquals(0.25, forecast.getDouble("progress"), 1e-12);
    }

    @Test
    void theEventsAreRegisteredWithUnitsAndCategoriesAndOffWithoutARecording() {
        FlightEvents events = FlightEvents.create(line -> { }).orElseThrow();
        events.record(at(1, 100, 100));
        events.record(at(2, 200, 200)); // no recording: nothing committed, nothing thrown
        EventType energy = EventType.getEventType(ComponentEnergyEvent.class);
        assertEquals("org.opencarboneval.ComponentEnergy", energy.getName());
        assertEquals(List.of("OpenCarbonEval", "Energy"), energy.getCategoryNames());
        assertEquals("org.opencarboneval.Joules", energy.getField("energy").getContentType());
        assertEquals("org.opencarboneval.Watts", energy.getField("averagePower").getContentType());
        assertFalse(new ComponentEnergyEvent().isEnabled(), "disabled while no recording runs");
        assertTrue(FlightRecorder.getFlightRecorder().getEventTypes().stream()
            .anyMatch(t -> t.getName().equals("org.opencarboneval.Forecast")), "registered with the recorder");
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }
}
