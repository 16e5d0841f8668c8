package org.opencarboneval.agent.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.opencarboneval.agent.ledger.RunLedger;
import org.opencarboneval.agent.progress.TrainingProgress;

/**
 * Writes a ledger as the agent does (its sampling loop and ledger, on a virtual clock) for a run on {@code gpus}
 * GPUs of one name drawing a constant power: the figures a fit on the ledger must recover are known exactly.
 */
public final class RecordedRun {

    private RecordedRun() {
    }

    /**
     * Records a run of {@code seconds} on {@code gpus} GPUs named {@code gpuName} at {@code wattsPerGpu} each, with
     * {@code settings} as the start record's settings (e.g. {@code total.flops}).
     */
    public static void write(Path ledger, String runId, String gpuName, int gpus, double wattsPerGpu, int seconds,
                             Map<String, String> settings) {
        write(ledger, runId, gpuName, gpus, 0, wattsPerGpu, seconds, settings);
    }

    /**
     * The same, on a node where the process also sees {@code othersGpus} more GPUs that only other processes use
     * (other ranks' GPUs): it is charged nothing on them, as the NVML bridge charges it.
     */
    public static void write(Path ledger, String runId, String gpuName, int gpus, int othersGpus, double wattsPerGpu,
                             int seconds, Map<String, String> settings) {
        VirtualClock clock = new VirtualClock();
        SamplingLoop loop = new SamplingLoop(runId, new TrainingProgress(false, OptionalLong.empty(),
            OptionalLong.empty()), new ConstantPower(clock, gpuName, gpus, othersGpus, wattsPerGpu),
            new CarbonFactors("X", 0.5, 1.0), Optional.empty(),
            Optional.of(RunLedger.open(ledger, Duration.ofHours(1), w -> { })), Optional.empty(), Duration.ofHours(1),
            new RunForecaster(OptionalDouble.empty(), Optional.empty()), clock, new AgentErrors(w -> { }));
        loop.begin(false, settings);
        for (int second = 0; second < seconds; second++) {
            clock.advance(Duration.ofSeconds(1));
            loop.tick();
        }
        loop.finish();
    }

    /** GPUs at a constant power: each reading adds the energy of the time since the last one. */
    private static final class ConstantPower implements PowerMeter {
        private final AgentClock clock;
        private final String name;
        private final int gpus;
        private final int othersGpus;
        private final double watts;
        private Long lastNanos;
        private double joulesPerGpu;

        ConstantPower(AgentClock clock, String name, int gpus, int othersGpus, double watts) {
            this.clock = clock;
            this.name = name;
            this.gpus = gpus;
            this.othersGpus = othersGpus;
            this.watts = watts;
        }

        @Override
        public String status() {
            return gpus + " constant-power GPU(s)";
        }

        @Override
        public synchronized PowerReading read() {
            long now = clock.monotonicNanos();
            double seconds = lastNanos == null ? 0 : (now - lastNanos) / 1e9;
            lastNanos = now;
            joulesPerGpu += watts * seconds;
            List<GpuState> states = new ArrayList<>();
            for (int i = 0; i < gpus; i++) {
                states.add(new GpuState(i, "GPU-" + i, name, watts, joulesPerGpu, 1.0, 0, 1.0));
            }
            for (int i = gpus; i < gpus + othersGpus; i++) {
                states.add(new GpuState(i, "GPU-" + i, name, 0, 0, 1.0, 0, 0.0));
            }
            return new PowerReading(new Components(gpus * watts, 0, 0), new Components(gpus * watts * seconds, 0, 0),
                states);
        }

        @Override
        public void close() {
        }
    }
}
