package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A GPU that falls off the bus mid-run (NVML_ERROR_GPU_IS_LOST): one line, its energy so far kept, the job intact. */
@Timeout(300)
class FaultNvmlIT {

    /** GPU 0 answers three power readings (the sampler's baseline and two samples), then is lost; GPU 1 stays. */
    private static final List<String> GPU_LOST = List.of(
        "gpus 2",
        "gpu 0 name NVIDIA H100 80GB HBM3", "gpu 0 power 300000", "gpu 0 lost_after 3",
        "gpu 1 name NVIDIA H100 80GB HBM3", "gpu 1 power 200000");

    @Test
    void aGpuLostMidRunIsOneLineAndKeepsItsEnergy() throws Exception {
        Path script = Files.write(TrainingJvm.workFile("fault-gpu-lost.txt"), GPU_LOST);
        Path ledger = TrainingJvm.workFile("fault-gpu-lost.jsonl");
        Files.deleteIfExists(ledger);

        String line = FaultRuns.trainAndGetTheOneAgentLine("fault-gpu-lost", "ledger=" + ledger
            + ",run_id=fault-gpu,interval=0.1," + NvmlStandIn.twoGpus().agentArgument() + ","
            + FaultRuns.FAULT_LINES_ONLY, Map.of("FAKE_NVML_SCRIPT", script.toString()));

        assertTrue(line.contains("GPU 0") && line.contains("lost"), line);
        Map<String, Object> end = Ledger.read(ledger).end();
        assertEquals(TrainingJvm.printed(FaultRuns.plainOutput(), "steps"), Ledger.whole(end, "steps"));
        assertTrue(Ledger.energy(end, "gpu") > 0, "the lost GPU's energy before the loss, and GPU 1's: " + end);
    }
}
