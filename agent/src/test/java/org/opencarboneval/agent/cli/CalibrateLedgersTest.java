package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.runtime.RecordedRun;

/** {@code calibrate --ledgers}: ledgers the agent's own loop wrote, fitted, and the fit used by {@code estimate}. */
class CalibrateLedgersTest {

    private static final String A100 = "NVIDIA A100-SXM4-80GB"; // as NVML names it

    private final CliRunner cli = CliRunner.isolated();

    @TempDir
    Path dir;

    @Test
    void fitsThroughputAndPowerPerDeviceAndEstimateUsesThem() throws IOException {
        // Run a: 2 GPUs x 100 s at 300 W, 3e16 FLOP: 150 TFLOP/s per device.
        Path a = dir.resolve("a.jsonl");
        RecordedRun.write(a, "a", A100, 2, 300, 100, Map.of("total.flops", "3e16"));
        // Run b as two ranks on one 8-GPU node (one ledger each, the same run id): each sees all 8 GPUs and is
        // charged its own 4; 2 x 4 GPUs x 50 s at 250 W, 1e17 FLOP in all.
        Path b1 = dir.resolve("b-node1.jsonl");
        Path b2 = dir.resolve("b-node2.jsonl");
        RecordedRun.write(b1, "b", A100, 4, 4, 250, 50, Map.of("total.flops", "1e17"));
        RecordedRun.write(b2, "b", A100, 4, 4, 250, 50, Map.of("total.flops", "1e17"));
        asRank(b1, 0, 2);
        asRank(b2, 1, 2);
        assertTrue(Files.readString(b1).contains("\"gpu_count\":8"), "the start record saw the node's 8 GPUs");
        Path out = dir.resolve("mine.properties");

        CliRunner.Result result = cli.run("calibrate", "--ledgers", a.toString(), b1.toString(), b2.toString(),
            "--out", out.toString());

        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().matches("(?s).*\\n  a +a100-sxm4-80gb +2\\.0 +0\\.056 +150\\.00 +300\\.0\\n.*"),
            result.out());
        assertTrue(result.out().matches("(?s).*\\n  b +a100-sxm4-80gb +8\\.0 +0\\.111 +250\\.00 +250\\.0\\n.*"),
            result.out());
        Properties written = new Properties();
        try (var reader = Files.newBufferedReader(out)) {
            written.load(reader);
        }
        // Pooled over both runs: 1.3e17 FLOP / 600 device-s; (60 kJ + 100 kJ) / 600 s.
        double tflops = 1.3e17 / 1e12 / 600;
        double watts = 160_000.0 / 600;
        assertEquals(tflops, Double.parseDouble(written.getProperty("measured.a100-sxm4-80gb.tflops_per_device")),
            1e-9 * tflops);
        assertEquals(watts, Double.parseDouble(written.getProperty("measured.a100-sxm4-80gb.watts_per_device")),
            1e-9 * watts);
        assertEquals("2", written.getProperty("measured.a100-sxm4-80gb.runs"));

        CliRunner.Result estimate = cli.run("estimate", "--hardware", "A100-80G", "--flops", "1e21", "--json",
            "--calibration", out.toString());
        assertEquals(0, estimate.status(), estimate.err());
        assertEquals(1e21 / 1e12 / tflops, estimate.number("device_seconds"), 1e-6 * estimate.number("device_seconds"));
        assertEquals(watts, estimate.number("power_w"), 1e-9 * watts);

        CliRunner.Result other = cli.run("estimate", "--hardware", "H100", "--flops", "1e21", "--json",
            "--calibration", out.toString());
        CliRunner.Result bundled = cli.run("estimate", "--hardware", "H100", "--flops", "1e21", "--json");
        assertEquals(bundled.number("device_seconds"), other.number("device_seconds"),
            "hardware the ledgers did not measure keeps the published fit");
    }

    @Test
    void aRunWithoutTotalFlopsOrGpusOrAKnownAcceleratorIsNamed() throws IOException {
        Path noFlops = dir.resolve("no-flops.jsonl");
        RecordedRun.write(noFlops, "nf", A100, 1, 300, 5, Map.of());
        assertRefused("ledger '" + noFlops + "', run 'nf': its start record has no total.flops", noFlops);

        Path noGpu = dir.resolve("cpu.jsonl");
        RecordedRun.write(noGpu, "cpu", A100, 0, 0, 5, Map.of("total.flops", "1e15"));
        assertRefused("run 'cpu': no GPU time was charged to it", noGpu);

        Path unknown = dir.resolve("unknown.jsonl");
        RecordedRun.write(unknown, "u", "NVIDIA Quantum Q1", 1, 300, 5, Map.of("total.flops", "1e15"));
        assertRefused("run 'u': unknown hardware 'NVIDIA Quantum Q1'", unknown);

        Path named = dir.resolve("named.jsonl");
        RecordedRun.write(named, "n", "NVIDIA Quantum Q1", 1, 300, 5, Map.of("total.flops", "1e15",
            "hardware", "H100"));
        CliRunner.Result byName = cli.run("calibrate", "--ledgers", named.toString());
        assertEquals(0, byName.status(), byName.err());
        assertTrue(byName.out().contains("h100-sxm5"), "the hardware setting names the device: " + byName.out());

        // What an agent from before gpu_count wrote.
        Path old = dir.resolve("old.jsonl");
        RecordedRun.write(old, "o", A100, 1, 300, 5, Map.of("total.flops", "1e15"));
        Files.writeString(old, Files.readString(old).replaceAll(",\"gpu_count\":1", "")
            .replaceAll(",\"gpu_s\":[^,]*", ""));
        assertRefused("run 'o': it does not say how many GPUs it used", old);
        // What an agent from before gpu_s wrote: the GPUs its start record saw count, for the whole time.
        Path seen = dir.resolve("seen.jsonl");
        RecordedRun.write(seen, "s", A100, 2, 300, 5, Map.of("total.flops", "1e15"));
        Files.writeString(seen, Files.readString(seen).replaceAll(",\"gpu_s\":[^,]*", ""));
        CliRunner.Result older = cli.run("calibrate", "--ledgers", seen.toString());
        assertEquals(0, older.status(), older.err());
        assertTrue(older.out().matches("(?s).*\\n  s +a100-sxm4-80gb +2\\.0 .*"), older.out());
        // A run resumed on such a ledger: its later samples count gpu_s from the resume only, so the GPUs seen count.
        Path resumedOnOld = dir.resolve("resumed-on-old.jsonl");
        RecordedRun.write(resumedOnOld, "r", A100, 2, 300, 5, Map.of("total.flops", "1e15"));
        List<String> written = Files.readAllLines(resumedOnOld);
        List<String> mixed = new java.util.ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            mixed.add(written.get(i).replaceAll(",\"gpu_s\":[^,]*", i < written.size() - 2 ? "" : ",\"gpu_s\":2.0"));
        }
        Files.write(resumedOnOld, mixed);
        CliRunner.Result resumed = cli.run("calibrate", "--ledgers", resumedOnOld.toString());
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().matches("(?s).*\\n  r +a100-sxm4-80gb +2\\.0 .*"), resumed.out());
        // A process that saw two GPUs, both other processes': it was charged no GPU time.
        Path othersOnly = dir.resolve("others-only.jsonl");
        RecordedRun.write(othersOnly, "c", A100, 0, 2, 300, 5, Map.of("total.flops", "1e15"));
        assertTrue(Files.readString(othersOnly).contains("\"gpu_count\":2"), "it saw the two GPUs");
        assertRefused("run 'c': no GPU time was charged to it", othersOnly);

        Path clash = dir.resolve("clash.jsonl");
        RecordedRun.write(clash, "a", A100, 1, 300, 5, Map.of("total.flops", "2e15"));
        Path first = dir.resolve("first.jsonl");
        RecordedRun.write(first, "a", A100, 1, 300, 5, Map.of("total.flops", "1e15"));
        asRank(clash, 1, 2);
        asRank(first, 0, 2);
        assertRefused("both hold run 'a' but disagree", first, clash);
        // two ledgers that are both rank 0 of one run: a copy, not two ranks
        Path rankZero = dir.resolve("rank0.jsonl");
        Path copy = dir.resolve("rank0-copy.jsonl");
        RecordedRun.write(rankZero, "job", A100, 1, 300, 5, Map.of("total.flops", "1e15"));
        asRank(rankZero, 0, 2);
        Files.copy(rankZero, copy);
        assertRefused("are both rank 0 of run job", rankZero, copy);
        // ledgers that say no rank: a copy, even one taken mid-run, is told by the process that began the run
        Path unranked = dir.resolve("unranked.jsonl");
        RecordedRun.write(unranked, "u2", A100, 1, 300, 5, Map.of("total.flops", "1e15"));
        Path midRun = dir.resolve("copied-mid-run.jsonl");
        List<String> lines = Files.readAllLines(unranked);
        Files.write(midRun, lines.subList(0, lines.size() - 3));
        assertRefused("hold the same run u2 (one is a copy of the other?)", unranked,
            midRun);
        // one ledger twice, the second time by another spelling of its path: its run would be fitted twice
        assertRefused("the ledger '" + dir.resolve(".").resolve("first.jsonl") + "' is given twice", first,
            dir.resolve(".").resolve("first.jsonl"));

        CliRunner.Result none = cli.run("calibrate", "--ledgers");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("--ledgers takes one or more ledger files"), none.err());
        CliRunner.Result stray = cli.run("calibrate", noFlops.toString());
        assertEquals(2, stray.status());
        assertTrue(stray.err().contains("ledgers are given after --ledgers"), stray.err());
    }

    /**
     * The start record of rank {@code rank} of {@code worldSize}, as a launcher's variables make it: ranks recorded
     * alike by the virtual clock would otherwise look like copies of one ledger.
     */
    private static void asRank(Path ledger, int rank, int worldSize) throws IOException {
        Files.writeString(ledger, Files.readString(ledger).replace("\"type\":\"start\",",
            "\"type\":\"start\",\"rank\":" + rank + ",\"world_size\":" + worldSize + ","));
    }

    @Test
    void estimateNamesABadCalibrationFile() throws IOException {
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "model=family\nband_ln_low=-0.2\n");
        CliRunner.Result result = cli.run("estimate", "--hardware", "H100", "--flops", "1e21",
            "--calibration", bad.toString());
        assertEquals(2, result.status());
        assertTrue(result.err().contains("--calibration: " + bad + ": missing 'band_ln_high'"), result.err());
        CliRunner.Result missing = cli.run("estimate", "--hardware", "H100", "--flops", "1e21",
            "--calibration", dir.resolve("nope.properties").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--calibration: cannot read calibration"), missing.err());
    }

    private void assertRefused(String expected, Path... ledgers) {
        String[] args = new String[ledgers.length + 2];
        args[0] = "calibrate";
        args[1] = "--ledgers";
        for (int i = 0; i < ledgers.length; i++) {
            args[i + 2] = ledgers[i].toString();
        }
        CliRunner.Result result = cli.run(args);
        assertEquals(2, result.status(), result.out());
        assertTrue(result.err().contains("--ledgers: ") && result.err().contains(expected), result.err());
    }
}
