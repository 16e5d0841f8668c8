package org.opencarboneval.benchmarks.jfr;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jdk.jfr.Recording;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.opencarboneval.agent.jfr.FlightEvents;
import org.opencarboneval.agent.progress.TotalSteps;
import org.opencarboneval.agent.runtime.CarbonFactors;
import org.opencarboneval.agent.runtime.Components;
import org.opencarboneval.agent.runtime.GpuState;
import org.opencarboneval.agent.runtime.RunForecast;
import org.opencarboneval.agent.runtime.RunSnapshot;
import org.opencarboneval.calibration.Range;

/**
 * The JFR events' cost per sample on the sampling thread, eight GPUs and a forecast: {@code off} without a recording
 * (the agent's usual state; target well under a microsecond, the events only checked), {@code on} with the agent's
 * events enabled in a running recording (committed: eleven events a sample).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlightEventsBenchmark {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Param({"off", "on"})
    public String recording;

    private final FlightEvents events = FlightEvents.create(line -> { }).orElseThrow();
    private final RunSnapshot[] snapshots = IntStream.range(0, 1024)
        .mapToObj(i -> snapshot(i + 1)).toArray(RunSnapshot[]::new);
    private Recording running;
    private int next;

    @Setup
    public void start() {
        if (recording.equals("on")) {
            running = new Recording();
            running.enable("org.opencarboneval.ComponentEnergy");
            running.enable("org.opencarboneval.GpuEnergy");
            running.enable("org.opencarboneval.Forecast");
            running.start();
        }
    }

    @TearDown
    public void stop() {
        if (running != null) {
            running.close();
        }
    }

    /** Consecutive samples a second apart (once in 1024 the time goes back to the first: no interval there). */
    @Benchmark
    public void recordOneSample() {
        events.record(snapshots[next]);
        next = (next + 1) & (snapshots.length - 1);
    }

    private static RunSnapshot snapshot(double seconds) {
        List<GpuState> gpus = IntStream.range(0, 8).mapToObj(i -> new GpuState(i, "GPU-" + i,
            "NVIDIA H100", 700, 700 * seconds, 0.9, 60L << 30, 1.0)).toList();
        return new RunSnapshot("bench", 1, START, START.plusMillis(Math.round(seconds * 1000)), seconds, 100, 100, 0, 1,
            Optional.of(new TotalSteps(1000, "config")), 10, new Components(5600, 300, 40),
            new Components(5600 * seconds, 300 * seconds, 40 * seconds), 0, gpus, 1, new CarbonFactors("DE", 0.4, 1.1),
            Optional.of(new RunForecast(new Range(9e6, 1e7, 1.2e7), new Range(900, 1000, 1200),
                new Range(1800, 2000, 2400), 0)), OptionalDouble.empty());
    }
}
