package org.opencarboneval.benchmarks.nvml;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.opencarboneval.nvml.GpuReading;
import org.opencarboneval.nvml.GpuSampler;
import org.opencarboneval.nvml.NvmlOptions;

/**
 * One tick of the agent's sampler: {@link GpuSampler#sample()} through the product's JNA binding against the NVML
 * stand-in (1 or 8 GPUs, with or without energy counters). The stand-in answers at once, so this is the Java and JNA
 * side of a tick; a real driver adds its own latency per call. {@link HostSamplerBenchmark} is the tick's other half.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GpuSamplerBenchmark {

    @Param({"1", "8"})
    public int gpus;

    @Param({"counter", "power"})
    public String energy;

    private GpuSampler sampler;

    @Setup(Level.Trial)
    public void open() throws IOException {
        long pid = ProcessHandle.current().pid();
        StandInGpus.useInThisProcess(StandInGpus.writeScript(Files.createTempDirectory("oce-bench-nvml"), gpus,
            "counter".equals(energy), OptionalLong.of(pid)));
        sampler = GpuSampler.open(new NvmlOptions(Optional.of(StandInGpus.library().toString()), Map.of(), pid));
        if (sampler.sample().size() != gpus) {
            throw new IllegalStateException("the stand-in is not in use: " + sampler.status());
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        sampler.close();
    }

    @Benchmark
    public List<GpuReading> gpuTick() {
        return sampler.sample();
    }
}
