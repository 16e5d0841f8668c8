package org.opencarboneval.benchmarks.forecast;

import java.util.Optional;
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
import org.opencarboneval.calibration.forecast.Forecast;
import org.opencarboneval.calibration.forecast.LiveForecaster;
import org.opencarboneval.calibration.forecast.ProgressPoint;

/**
 * One forecast at the end of a two-week run observed every second (1.2 million observations): {@code judged}
 * re-judges every model and the band, as the forecaster does each time the work has grown by half a percent (a new
 * total each call forces it); {@code cached} is the forecast between two such moments. Target: under 5 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForecastCostBenchmark {

    private static final int SECONDS = 14 * 86_400;

    private final LiveForecaster forecaster = new LiveForecaster();
    private double totalWork;

    @Setup
    public void observeTwoWeeks() {
        SplittableRandom random = new SplittableRandom(1);
        double work = 0;
        double energy = 0;
        for (int t = 1; t <= SECONDS; t++) {
            work += 2 * (1 + 0.2 * random.nextGaussian());
            energy += 5600 * (1 + 0.02 * random.nextGaussian());
            forecaster.observe(new ProgressPoint(t, work, energy, (long) (work / 100_000)));
            if (t % 600 == 0) {
                forecaster.forecast(2.2 * SECONDS, Optional.empty());
            }
        }
        totalWork = 2.2 * SECONDS;
    }

    @Benchmark
    public Optional<Forecast> judged() {
        totalWork += 1;
        return forecaster.forecast(totalWork, Optional.empty());
    }

    @Benchmark
    public Optional<Forecast> cached() {
        return forecaster.forecast(totalWork, Optional.empty());
    }
}
