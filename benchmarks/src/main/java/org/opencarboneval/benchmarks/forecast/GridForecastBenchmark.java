package org.opencarboneval.benchmarks.forecast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.opencarboneval.calibration.Range;
import org.opencarboneval.calibration.grid.IntensityTimeline;
import org.opencarboneval.calibration.grid.RemainingEmissions;

/**
 * What the grid adds to each sample's forecast with the longest forecast a provider gives (WattTime's 72 hours of
 * 5-minute points, 864): the remaining CO2e over the forecast ({@code remaining}) and the greenest start for 20 hours
 * of remaining work ({@code greenest}). Target: under 0.5 ms together, a small part of the 1 s sampling interval.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GridForecastBenchmark {

    private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    private static final double WORK_SECONDS = 20 * 3600;

    private IntensityTimeline forecast;

    @Setup
    public void seventyTwoHours() {
        SplittableRandom random = new SplittableRandom(14);
        List<IntensityTimeline.Point> points = new ArrayList<>();
        for (int i = 0; i < 864; i++) {
            double daily = 300 + 150 * Math.sin(2 * Math.PI * i / 288.0);
            points.add(new IntensityTimeline.Point(NOW.plusSeconds(300L * i), daily + 20 * random.nextGaussian(),
                i == 0 ? IntensityTimeline.Kind.ACTUAL : IntensityTimeline.Kind.FORECAST));
        }
        forecast = IntensityTimeline.of(points).repeatingItsLastDay(); // as the agent forecasts with a provider's
    }

    @Benchmark
    public Range remaining() {
        return RemainingEmissions.grams(new Range(4e8, 5e8, 6e8), new Range(0.8 * WORK_SECONDS, WORK_SECONDS,
            1.3 * WORK_SECONDS), 1.1, forecast, NOW.plusSeconds(90), 400, 0.089);
    }

    @Benchmark
    public IntensityTimeline.Window greenest() {
        return forecast.greenest(NOW.plusSeconds(90), WORK_SECONDS, 400);
    }
}
