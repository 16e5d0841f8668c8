package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencarboneval.e2e.TrainingJvm.DL4J;
import static org.opencarboneval.e2e.TrainingJvm.DL4J_MAIN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A DL4J run on a node of two stand-in GPUs (250 W and 150 W) where NVML lists it on GPU 0 and nobody on GPU 1: the
 * idle GPU is none of its own, so its energy is GPU 0's alone and its GPU time one GPU's, through the real JNA
 * binding and sampling loop.
 */
@Timeout(300)
class IdleGpuIT {

    @Test
    void aGpuNobodyUsesIsNotChargedOnceTheRunIsListedOnAnother() throws Exception {
        Path ledger = TrainingJvm.freshWorkFile("idle-gpu.jsonl");
        Path gate = TrainingJvm.freshWorkFile("idle-gpu-gate");
        NvmlStandIn nvml = NvmlStandIn.twoGpus("idle-gpu.txt");
        TrainingJvm run = TrainingJvm.startExampleAt(gate, "idle-gpu", DL4J, DL4J_MAIN,
            "ledger=" + ledger + ",run_id=idle,interval=0.1,console=false,metrics=false," + nvml.agentArgument(),
            nvml.environment(), TrainingJvm.forecastedTraining());
        nvml.listProcesses(run.pid());
        Files.createFile(gate);
        assertEquals(0, run.finish(), run.stderr());

        Ledger read = Ledger.read(ledger);
        Map<String, Object> start = read.ofType("start").get(0);
        assertTrue(((String) start.get("power")).contains("GPU 1 idle, used by no process: none of it counted"),
            start.toString());
        List<Map<String, Object>> samples = read.ofType("sample");
        Map<String, Object> first = samples.get(0);
        Map<String, Object> end = read.end();
        double seconds = (Double) end.get("elapsed_s") - (Double) first.get("elapsed_s");
        assertEquals(250, (Ledger.energy(end, "gpu") - Ledger.energy(first, "gpu")) / seconds, 2.5,
            "GPU 0's power only, not the node's 400 W");
        assertEquals(seconds, (Double) end.get("gpu_s") - (Double) first.get("gpu_s"), seconds * 0.01,
            "one GPU's time");
    }
}
