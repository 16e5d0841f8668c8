package org.opencarboneval.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampler against the fake library: each scenario scripted, driven by a hand-moved clock. */
class GpuSamplerTest {

    private static final double TOLERANCE = 1e-9;

    @TempDir
    Path directory;

    private final FakeNvml.ManualClock clock = new FakeNvml.ManualClock();

    private GpuSampler open(String... script) {
        return open(FakeNvml.options(FakeNvml.FULL), script);
    }

    private GpuSampler open(NvmlOptions options, String... script) {
        FakeNvml.script(directory, script);
        return GpuSampler.open(options, clock);
    }

    private List<GpuReading> sampleAfter(GpuSampler sampler, double seconds) {
        clock.advanceSeconds(seconds);
        return sampler.sample();
    }

    @Test
    void readsEveryMetricOfSeveralGpus() {
        try (GpuSampler sampler = open("driver 535.261.03", "gpus 2", "gpu 0 name NVIDIA H100 80GB HBM3",
                "gpu 0 uuid GPU-aaaa", "gpu 0 power 250000", "gpu 0 util 80:40", "gpu 0 memory 85899345920:1073741824",
                "gpu 1 name NVIDIA A100-SXM4-40GB", "gpu 1 uuid GPU-bbbb", "gpu 1 power 120500")) {
            List<GpuReading> readings = sampleAfter(sampler, 1);

            assertEquals(2, readings.size());
            GpuReading h100 = readings.get(0);
            assertEquals(0, h100.index());
            assertEquals("NVIDIA H100 80GB HBM3", h100.name());
            assertEquals("GPU-aaaa", h100.uuid());
            assertEquals(250.0, h100.powerWatts(), TOLERANCE);
            assertEquals(0.80, h100.utilizationGpu(), TOLERANCE);
            assertEquals(0.40, h100.utilizationMemory(), TOLERANCE);
            assertEquals(85899345920L, h100.memoryTotalBytes());
            assertEquals(1073741824L, h100.memoryUsedBytes());
            assertEquals(40.0, h100.temperatureCelsius(), TOLERANCE);
            assertEquals(EnergyMethod.ENERGY_COUNTER, h100.energyMethod());
            assertEquals(1.0, h100.processShare(), TOLERANCE);
            assertFalse(h100.lost());
            assertEquals("NVIDIA A100-SXM4-40GB", readings.get(1).name());
            assertEquals(120.5, readings.get(1).powerWatts(), TOLERANCE);
            assertEquals("NVML 535.261.03: 2 GPUs monitored (2 energy counter)", sampler.status());
        }
    }

    @Test
    void energyCountsCounterDeltasSinceOpen() {
        // the first value is read at open: the baseline
        try (GpuSampler sampler = open("gpu 0 energy 1000000,1006000,1016500")) {
            assertEquals(6.0, sampleAfter(sampler, 1).get(0).energyJoules(), TOLERANCE);
            assertEquals(16.5, sampleAfter(sampler, 1).get(0).energyJoules(), TOLERANCE);
        }
    }

    @Test
    void counterThatGoesBackwardsIsARestartNeverNegativeEnergy() {
        try (GpuSampler sampler = open("gpu 0 power 100000", "gpu 0 energy 1000,6000,11000,2000,4000")) {
            assertEquals(5.0, sampleAfter(sampler, 1).get(0).energyJoules(), TOLERANCE);
            assertEquals(10.0, sampleAfter(sampler, 1).get(0).energyJoules(), TOLERANCE);
            // 11000 -> 2000: that interval is covered by the power readings instead (100 W for 1 s)
            GpuReading afterReset = sampleAfter(sampler, 1).get(0);
            assertEquals(110.0, afterReset.energyJoules(), TOLERANCE);
            assertEquals(EnergyMethod.ENERGY_COUNTER, afterReset.energyMethod());
            assertEquals(112.0, sampleAfter(sampler, 1).get(0).energyJoules(), TOLERANCE);
        }
    }

    /**
     * One bad reading below the last (11000 -> 0 -> 21000 mJ, at 5 W): the next one is back above, so the counter
     * counts on from 11000, less what power counted over the bad interval. Taken for a restart, 21 J would have been
     * counted for one second; on a GPU running for a month, the counter's whole value, gigajoules.
     */
    @Test
    void oneLowCounterReadingIsAGlitchWhenTheNextIsBackAbove() {
        try (GpuSampler sampler = open("gpu 0 power 5000", "gpu 0 energy 1000,6000,11000,0,21000,26000")) {
            assertEquals(5.0, sampleAfter(sampler, 1).get(0).energyJoules(), TOLERANCE);
            assertEquals(10.0, sampleAfter(sampler, 1).get(0).energyJoules(), TOLERANCE);
            assertEquals(15.0, sampleAfter(sampler, 1).get(0).energyJoules(), TOLERANCE, "the bad interval, by power");
            assertEquals(20.0, sampleAfter(sampler, 1).get(0).energyJoules(), TOLERANCE, "from 11000, as the counter");
            assertEquals(25.0, sampleAfter(sampler, 1).get(0).energyJoules(), TOLERANCE);
        }
    }

    @Test
    void counterNotSupportedIntegratesPowerWithTheTrapezoidRule() {
        try (GpuSampler sampler = open("gpu 0 energy not_supported", "gpu 0 power 100000,200000,300000")) {
            GpuReading first = sampleAfter(sampler, 1).get(0);
            assertEquals(EnergyMethod.POWER_INTEGRATION, first.energyMethod());
            assertEquals((100 + 200) / 2.0 * 1, first.energyJoules(), TOLERANCE);
            GpuReading second = sampleAfter(sampler, 2).get(0);
            assertEquals(150 + (200 + 300) / 2.0 * 2, second.energyJoules(), TOLERANCE);
            assertEquals(300.0, second.powerWatts(), TOLERANCE);
            assertTrue(sampler.status().contains("(1 power integration)"), sampler.status());
        }
    }

    @Test
    void counterReadThatFailsIsCoveredByTheNextGoodOne() {
        // neither counter nor power answers in the first sample: the next counter reading covers both intervals
        try (GpuSampler sampler = open("gpu 0 power 100000,fail,100000", "gpu 0 energy 1000,fail,11000")) {
            assertEquals(0.0, sampleAfter(sampler, 1).get(0).energyJoules(), TOLERANCE);
            GpuReading recovered = sampleAfter(sampler, 1).get(0);
            assertEquals(10.0, recovered.energyJoules(), TOLERANCE);
            assertEquals(EnergyMethod.ENERGY_COUNTER, recovered.energyMethod());
        }
    }

    @Test
    void lostGpuIsFlaggedItsEnergyFrozenAndTheOthersStillSampled() {
        // GPU 1 answers 3 power readings (open, sample 1, sample 2), then falls off the bus
        try (GpuSampler sampler = open("gpus 2", "gpu 1 lost_after 3")) {
            sampleAfter(sampler, 1);
            List<GpuReading> beforeLoss = sampleAfter(sampler, 1);
            assertFalse(beforeLoss.get(1).lost());
            double frozen = beforeLoss.get(1).energyJoules();
            assertEquals(200.0, frozen, TOLERANCE);

            List<GpuReading> lost = sampleAfter(sampler, 1);
            List<GpuReading> later = sampleAfter(sampler, 1);

            assertTrue(lost.get(1).lost());
            assertTrue(later.get(1).lost());
            assertEquals(frozen, later.get(1).energyJoules(), TOLERANCE);
            assertTrue(Double.isNaN(later.get(1).powerWatts()));
            assertFalse(later.get(0).lost());
            assertEquals(400.0, later.get(0).energyJoules(), TOLERANCE);
            assertTrue(sampler.status().contains("GPU 1 lost (NVML_ERROR_GPU_IS_LOST), energy frozen"), sampler.status());
        }
    }

    @Test
    void initFailureIsReportedWithNvmlsOwnErrorString() {
        try (GpuSampler sampler = open("init_error 9")) {
            assertEquals(List.of(), sampler.sample());
            assertEquals("GPU metrics off: nvmlInit failed: Driver Not Loaded (fake) (NVML_ERROR_DRIVER_NOT_LOADED)",
                sampler.status());
        }
    }

    @Test
    void cudaVisibleDevicesSelectsByIndexInItsOrder() {
        NvmlOptions options = FakeNvml.options(FakeNvml.FULL, 100, Map.of("CUDA_VISIBLE_DEVICES", "2,0"));
        try (GpuSampler sampler = open(options, "gpus 3")) {
            assertEquals(List.of(2, 0), sampler.sample().stream().map(GpuReading::index).toList());
            assertTrue(sampler.status().contains("CUDA_VISIBLE_DEVICES=2,0 applied"), sampler.status());
        }
    }

    @Test
    void cudaVisibleDevicesSelectsByUuid() {
        NvmlOptions options = FakeNvml.options(FakeNvml.FULL, 100, Map.of("CUDA_VISIBLE_DEVICES", "GPU-fake-0001"));
        try (GpuSampler sampler = open(options, "gpus 3")) {
            assertEquals(List.of("GPU-fake-0001"), sampler.sample().stream().map(GpuReading::uuid).toList());
        }
    }

    @Test
    void cudaIndicesStayNvmlIndicesWhenAHandleFails() {
        // GPU 1's handle fails: CUDA still numbers it, so "2" is NVML's GPU 2, not the third handle that worked
        NvmlOptions options = FakeNvml.options(FakeNvml.FULL, 100, Map.of("CUDA_VISIBLE_DEVICES", "2,0"));
        try (GpuSampler sampler = open(options, "gpus 4", "gpu 1 handle_error 4")) {
            assertEquals(List.of(2, 0), sampler.sample().stream().map(GpuReading::index).toList());
        }
        NvmlOptions failed = FakeNvml.options(FakeNvml.FULL, 100, Map.of("CUDA_VISIBLE_DEVICES", "1"));
        try (GpuSampler sampler = open(failed, "gpus 4", "gpu 1 handle_error 4")) {
            assertEquals(List.of(), sampler.sample());
            assertTrue(sampler.status().contains("GPU 1 skipped: Unknown Error (fake) (NVML_ERROR_NO_PERMISSION)"),
                sampler.status());
        }
    }

    @Test
    void devicesWhoseUuidLookupFailedStayApart() {
        NvmlOptions options = FakeNvml.options(FakeNvml.FULL, 100, Map.of("CUDA_VISIBLE_DEVICES", "1,0"));
        try (GpuSampler sampler = open(options, "gpus 2", "gpu 0 uuid_error 3", "gpu 1 uuid_error 3")) {
            List<GpuReading> readings = sampler.sample();
            assertEquals(List.of(1, 0), readings.stream().map(GpuReading::index).toList());
            assertEquals(List.of("", ""), readings.stream().map(GpuReading::uuid).toList());
        }
    }

    @Test
    void migDeviceIsMeasuredAsItsWholeGpuAndTheStatusSaysSo() {
        NvmlOptions options = FakeNvml.options(FakeNvml.FULL, 100, Map.of("CUDA_VISIBLE_DEVICES", "MIG-1111"));
        try (GpuSampler sampler = open(options, "gpus 2", "mig MIG-1111 1")) {
            assertEquals(List.of(1), sampleAfter(sampler, 1).stream().map(GpuReading::index).toList());
            assertTrue(sampler.status().contains("1 GPU monitored"), sampler.status());
            assertTrue(sampler.status().contains("MIG-1111 is a MIG slice of GPU 1: the whole GPU's energy is reported, "
                + "MIG slices are not attributed"), sampler.status());
        }
    }

    @Test
    void migDeviceNvmlDoesNotKnowIsNamedAsSkipped() {
        NvmlOptions options = FakeNvml.options(FakeNvml.FULL, 100, Map.of("CUDA_VISIBLE_DEVICES", "MIG-9999"));
        try (GpuSampler sampler = open(options, "gpus 2", "mig MIG-1111 1")) {
            assertEquals(List.of(), sampler.sample());
            assertTrue(sampler.status().contains("MIG-9999 skipped: not mapped to its GPU (NVML_ERROR_NOT_FOUND)"),
                sampler.status());
        }
    }

    @Test
    void failureAfterInitStillShutsNvmlDown() {
        int before = FakeNvml.initBalance(FakeNvml.FULL);
        FakeNvml.script(directory, "gpus 1");
        LongSupplier broken = () -> {
            throw new IllegalStateException("clock broke");
        };
        try (GpuSampler sampler = GpuSampler.open(FakeNvml.options(FakeNvml.FULL), broken)) {
            assertFalse(sampler.available());
            assertTrue(sampler.status().startsWith("GPU metrics off: "), sampler.status());
        }
        assertEquals(before, FakeNvml.initBalance(FakeNvml.FULL));
    }

    @Test
    void openAndCloseLeaveNvmlInitBalanced() {
        int before = FakeNvml.initBalance(FakeNvml.FULL);
        try (GpuSampler sampler = open("gpus 2")) {
            assertEquals(before + 1, FakeNvml.initBalance(FakeNvml.FULL));
        }
        assertEquals(before, FakeNvml.initBalance(FakeNvml.FULL));
    }

    @Test
    void sharedGpuIsAttributedBySmUtilization() {
        try (GpuSampler sampler = open("gpu 0 processes 100:2048,200:2048", "gpu 0 process_util 100:60,200:20")) {
            assertEquals(0.75, sampleAfter(sampler, 1).get(0).processShare(), TOLERANCE);
            assertTrue(sampler.status().contains("GPU 0 shared: 75% attributed to this process by SM utilization"),
                sampler.status());
        }
    }

    @Test
    void sharedGpuFallsBackToMemoryShareWithoutUtilizationSamples() {
        try (GpuSampler sampler = open("gpu 0 processes 100:1024,200:3072", "gpu 0 process_util not_supported")) {
            assertEquals(0.25, sampleAfter(sampler, 1).get(0).processShare(), TOLERANCE);
            assertTrue(sampler.status().contains("25% attributed to this process by memory"), sampler.status());
        }
    }

    @Test
    void gpuUsedOnlyByOthersIsNoneOfThisProcesss() {
        try (GpuSampler sampler = open("gpu 0 processes 300:1024")) {
            assertEquals(0.0, sampleAfter(sampler, 1).get(0).processShare(), TOLERANCE);
            assertTrue(sampler.status().contains("GPU 0 used by other processes only: none of it counted"),
                sampler.status());
        }
    }

    @Test
    void twoRanksOnOneNodeEachGetOnlyTheGpuNvmlListsThemOn() {
        String[] node = {"gpus 2", "gpu 0 processes 100:2048", "gpu 1 processes 200:2048"};
        try (GpuSampler rank0 = open(FakeNvml.options(FakeNvml.FULL, 100, Map.of()), node)) {
            List<GpuReading> readings = sampleAfter(rank0, 1);
            assertEquals(List.of(1.0, 0.0), readings.stream().map(GpuReading::processShare).toList());
        }
        try (GpuSampler rank1 = open(FakeNvml.options(FakeNvml.FULL, 200, Map.of()), node)) {
            List<GpuReading> readings = sampleAfter(rank1, 1);
            assertEquals(List.of(0.0, 1.0), readings.stream().map(GpuReading::processShare).toList());
        }
    }

    /** Before this process has a CUDA context (start-up, or a run on the CPU) NVML lists nobody: charged whole. */
    @Test
    void gpusNvmlListsNobodyOnAreChargedWholeWhileTheProcessIsOnNone() {
        try (GpuSampler sampler = open(FakeNvml.options(FakeNvml.FULL, 100, Map.of()), "gpus 2")) {
            List<GpuReading> readings = sampleAfter(sampler, 1);
            assertEquals(List.of(1.0, 1.0), readings.stream().map(GpuReading::processShare).toList());
            assertFalse(sampler.status().contains("idle"), sampler.status());
        }
    }

    /**
     * Once NVML has listed the process on one GPU (here at the sampler's baseline sample), a GPU it lists nobody on
     * idles and is none of this process's: charged to each rank of the node, its idle power counted once per rank.
     */
    @Test
    void onceTheProcessIsListedOnOneGpuAnIdleGpuIsNoneOfItsOwn() {
        try (GpuSampler sampler = open(FakeNvml.options(FakeNvml.FULL, 100, Map.of()), "gpus 2",
                "gpu 1 processes 100:2048")) {
            List<GpuReading> readings = sampleAfter(sampler, 1);
            assertEquals(List.of(0.0, 1.0), readings.stream().map(GpuReading::processShare).toList());
            assertTrue(sampler.status().contains("; GPU 0 idle, used by no process: none of it counted"),
                sampler.status());
        }
    }

    @Test
    void aProcessInAContainerIsFoundUnderItsHostPid() {
        // NSpid 4242 7: NVML lists the host's pid, the JVM knows itself as 7
        MonitoredProcess inContainer = new MonitoredProcess(Set.of(4242L, 7L), Optional.empty());
        try (GpuSampler sampler = open(options(inContainer), "gpus 2", "gpu 0 processes 4242:2048",
                "gpu 1 processes 300:1024")) {
            List<GpuReading> readings = sampleAfter(sampler, 1);
            assertEquals(List.of(1.0, 0.0), readings.stream().map(GpuReading::processShare).toList());
            assertFalse(sampler.status().contains("attribution off"), sampler.status());
        }
    }

    @Test
    void withoutItsHostPidEveryGpuIsChargedWholeAndTheStatusSaysWhy() {
        MonitoredProcess unmappable = new MonitoredProcess(Set.of(7L), Optional.of("in PID namespace pid:[1]"));
        try (GpuSampler sampler = open(options(unmappable), "gpus 2", "gpu 0 processes 4242:2048",
                "gpu 1 processes 300:1024,7:1024")) {
            List<GpuReading> readings = sampleAfter(sampler, 1);
            assertEquals(List.of(1.0, 1.0), readings.stream().map(GpuReading::processShare).toList());
            assertTrue(sampler.status().contains("; process attribution off: in PID namespace pid:[1]"),
                sampler.status());
        }
    }

    private static NvmlOptions options(MonitoredProcess process) {
        return new NvmlOptions(Optional.of(FakeNvml.library(FakeNvml.FULL).toString()), Map.of(), process);
    }

    @Test
    void driverWithoutVersionedSymbolsWorksThroughTheFallbacks() {
        try (GpuSampler sampler = open(FakeNvml.options(FakeNvml.NO_V3), "gpus 2",
                "gpu 1 processes 100:1024,200:3072", "gpu 1 process_util not_supported")) {
            List<GpuReading> readings = sampleAfter(sampler, 1);
            assertEquals(2, readings.size());
            assertEquals(100.0, readings.get(0).energyJoules(), TOLERANCE);
            // the v1 process layout (16-byte rows) is read correctly
            assertEquals(0.25, readings.get(1).processShare(), TOLERANCE);
        }
    }

    @Test
    void closedSamplerReturnsNothingAndClosesOnce() {
        GpuSampler sampler = open("gpus 1");
        sampler.close();
        sampler.close();
        assertEquals(List.of(), sampler.sample());
    }
}
