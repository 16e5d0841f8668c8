package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.FakeNvml;
import org.opencarboneval.nvml.GpuSampler;
import org.opencarboneval.nvml.NvmlOptions;

/** The meter over the NVML stand-in: failing sensors never reset, re-count or lose energy. */
class BridgePowerMeterTest {

    private static final CarbonFactors CARBON = new CarbonFactors("X", 0.5, 1.0);

    @TempDir
    Path directory;

    private final List<String> warnings = new ArrayList<>();
    private final AgentErrors errors = new AgentErrors(warnings::add);

    private BridgePowerMeter meter(HostSensor host, String... script) {
        Path library = FakeNvml.scripted(directory, script);
        GpuSampler gpus = GpuSampler.open(new NvmlOptions(Optional.of(library.toString()), Map.of(), 100));
        return new BridgePowerMeter(gpus, host, errors, warnings::add);
    }

    /** The probe of issue 13: 10 kJ measured, one host failure in between; 15 kJ were counted. */
    @Test
    void aFailingHostReadingNeitherResetsNorReCountsTheGpuEnergy() {
        ScriptedHost host = new ScriptedHost(call -> call == 1, 100);
        EnergyAccount account = new EnergyAccount(CARBON, Components.ZERO, 0, 0);
        // the sampler reads the counter's baseline (0 mJ) when it opens
        try (BridgePowerMeter meter = meter(host, "gpu 0 energy 0,5000000,10000000,10000000")) {
            for (int reading = 0; reading < 4; reading++) {
                account.add(meter.read().addedJoules());
            }
            assertEquals(10_000, account.energy().gpu(), 1e-9, "the GPU counter reached 10 kJ");
            assertEquals(400, account.energy().cpu(), 1e-9, "the host's cumulative 400 J, its failure in between");
            assertEquals(400, host.cpuJoulesSoFar(), 1e-9);
            assertEquals(40, account.energy().dram(), 1e-9);
            assertEquals(1L, errors.counts().get("host_read"));
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("host read failed: java.lang.IllegalStateException: OSHI"),
                warnings.get(0));
        }
    }

    @Test
    void aLostGpuKeepsWhatItMeasuredWhileTheOtherGoesOn() {
        ScriptedHost host = new ScriptedHost(call -> false, 0);
        EnergyAccount account = new EnergyAccount(CARBON, Components.ZERO, 0, 0);
        // GPU 0 answers its baseline and two readings, then falls off the bus; each counter grows 100 J a reading
        try (BridgePowerMeter meter = meter(host, "gpus 2", "gpu 0 uuid GPU-a", "gpu 0 lost_after 3",
                "gpu 1 uuid GPU-b")) {
            PowerReading last = null;
            for (int reading = 0; reading < 5; reading++) {
                last = meter.read();
                account.add(last.addedJoules());
            }
            assertEquals(List.of("GPU-a", "GPU-b"), last.gpus().stream().map(GpuState::uuid).toList());
            assertEquals(200, last.gpus().get(0).energyJoules(), 1e-9, "two readings before the loss");
            assertEquals(0, last.gpus().get(0).powerWatts(), "a lost GPU draws nothing we can see");
            assertEquals(500, last.gpus().get(1).energyJoules(), 1e-9);
            assertEquals(700, account.energy().gpu(), 1e-9);
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("GPU 0 (Fake GPU 0) was lost mid-run")), warnings.toString());
        }
    }

    /** The issue 17 probe: ranks on a node of two GPUs, each listed on its own; pid 100 is charged GPU 0 only. */
    @Test
    void aGpuThatRunsAnotherProcessOnlyAddsNothing() {
        ScriptedHost host = new ScriptedHost(call -> false, 0);
        EnergyAccount account = new EnergyAccount(CARBON, Components.ZERO, 0, 0);
        try (BridgePowerMeter meter = meter(host, "gpus 2", "gpu 0 power 300000", "gpu 0 processes 100:2048",
                "gpu 1 power 300000", "gpu 1 processes 200:2048")) {
            PowerReading last = null;
            for (int reading = 0; reading < 3; reading++) {
                last = meter.read();
                account.add(last.addedJoules());
            }
            assertEquals(300, last.powerWatts().gpu(), 1e-9, "one GPU's 300 W, not the node's 600 W");
            assertEquals(300, account.energy().gpu(), 1e-9, "GPU 0's counter, 100 J a reading");
            assertEquals(List.of(300.0, 0.0), last.gpus().stream().map(GpuState::energyJoules).toList());
        }
    }
}
