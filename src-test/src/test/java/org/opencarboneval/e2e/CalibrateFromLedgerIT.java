package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencarboneval.e2e.TrainingJvm.DL4J;
import static org.opencarboneval.e2e.TrainingJvm.DL4J_MAIN;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real DL4J training with the agent on the NVML stand-in's two GPUs, with {@code total.flops}: its ledger says
 * which GPUs it ran on, {@code calibrate --ledgers} fits the throughput and power the ledger measured, and
 * {@code estimate --calibration} uses them.
 */
@Timeout(300)
class CalibrateFromLedgerIT {

    private static final double TOTAL_FLOPS = 4e15;

    @Test
    void theLedgerOfARealRunCalibratesTheEstimate() throws Exception {
        NvmlStandIn gpus = NvmlStandIn.twoGpus();
        Path ledger = TrainingJvm.workFile("calibrate-run.jsonl");
        Path calibration = TrainingJvm.workFile("calibrate-run.properties");
        Files.deleteIfExists(ledger);
        Files.deleteIfExists(calibration);
        TrainingJvm training = TrainingJvm.startExample("calibrate-run", DL4J, DL4J_MAIN, "ledger=" + ledger
            + ",run_id=e2e-calibrate,interval=0.2,total.flops=" + TOTAL_FLOPS + "," + gpus.agentArgument() + ","
            + FaultRuns.FAULT_LINES_ONLY, gpus.environment(), FaultRuns.TRAINING);
        assertEquals(0, training.finish(), training.stderr());

        Ledger records = Ledger.read(ledger);
        Map<String, Object> start = records.ofType("start").get(0);
        assertEquals(2.0, start.get("gpu_count"), start.toString());
        assertEquals("NVIDIA H100 80GB HBM3", start.get("gpu_name"), start.toString());
        Map<String, Object> end = records.end();
        assertEquals(Ledger.whole(end, "total_steps"), Ledger.whole(end, "steps"), "the run trained to its end");
        double deviceSeconds = 2 * (Double) end.get("elapsed_s");
        double tflops = TOTAL_FLOPS / 1e12 / deviceSeconds;
        double watts = Ledger.energy(end, "gpu") / deviceSeconds;
        // The stand-in's GPUs draw 250 W and 150 W. The meter integrates from the moment it opens, a second or two
        // before the run's clock starts (the host sensors load in between), so half a minute of run reads above.
        assertTrue(watts >= 195 && watts < 260, "GPU energy over device time: " + watts + " W");

        TrainingJvm calibrate = TrainingJvm.startCli("calibrate-ledgers", "calibrate", "--ledgers", ledger.toString(),
            "--out", calibration.toString());
        assertEquals(0, calibrate.finish(), calibrate.stderr());
        assertTrue(calibrate.stdout().contains("e2e-calibrate") && calibrate.stdout().contains("h100-sxm5"),
            calibrate.stdout());
        Properties fitted = new Properties();
        try (Reader reader = Files.newBufferedReader(calibration)) {
            fitted.load(reader);
        }
        assertEquals(tflops, Double.parseDouble(fitted.getProperty("measured.h100-sxm5.tflops_per_device")),
            1e-9 * tflops);
        assertEquals(watts, Double.parseDouble(fitted.getProperty("measured.h100-sxm5.watts_per_device")),
            1e-9 * watts);

        TrainingJvm estimate = TrainingJvm.startCli("calibrate-estimate", "estimate", "--hardware", "H100",
            "--flops", "1e18", "--json", "--calibration", calibration.toString());
        assertEquals(0, estimate.finish(), estimate.stderr());
        assertEquals(1e18 / 1e12 / tflops, number(estimate.stdout(), "device_seconds"), 1e-6 * 1e6 / tflops);
        assertEquals(watts, number(estimate.stdout(), "power_w"), 1e-6 * watts);
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.eE+-]+)").matcher(json);
        assertTrue(m.find(), "no " + field + " in " + json);
        return Double.parseDouble(m.group(1));
    }
}
