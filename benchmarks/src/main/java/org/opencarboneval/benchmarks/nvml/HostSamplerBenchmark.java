package org.opencarboneval.benchmarks.nvml;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.opencarboneval.host.HostOptions;
import org.opencarboneval.host.HostPowerSampler;
import org.opencarboneval.host.HostReading;

/** The other half of a sampler tick: the host's CPU and DRAM reading (OSHI, RAPL when readable), on this machine. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HostSamplerBenchmark {

    private HostPowerSampler sampler;

    @Setup
    public void open() {
        sampler = HostPowerSampler.open(HostOptions.defaults());
    }

    @TearDown
    public void close() {
        sampler.close();
    }

    @Benchmark
    public HostReading hostTick() {
        return sampler.sample();
    }
}
