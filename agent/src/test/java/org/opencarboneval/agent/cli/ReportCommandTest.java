package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    private final CliRunner cli = CliRunner.isolated();

    /** A steady run of 10 epochs of 100 steps at 10 steps/s and 150 W, as the agent's ledger records it. */
    private static Path steadyLedger(Path dir, String settings) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"start\",\"run_id\":\"steady\",\"pue\":1.2,\"settings\":{" + settings + "}}");
        for (int t = 0; t <= 100; t++) {
            double joules = 150.0 * t;
            lines.add(String.format(Locale.ROOT, "{\"type\":\"%s\",\"run_id\":\"steady\",\"seq\":%d,"
                + "\"elapsed_s\":%d,\"steps\":%d,\"samples\":0,\"epochs\":%d,\"total_steps\":1000,"
                + "\"energy_j\":{\"gpu\":%f,\"cpu\":0,\"dram\":0},\"co2e_g\":%f}",
                t == 100 ? "end" : "sample", t + 1, t, 10 * t, t / 10, joules, joules / 3.6e6 * 1.2 * 400));
        }
        lines.add("{\"type\":\"sample\",\"run_id\":\"stead");
        Path ledger = dir.resolve("run.jsonl");
        Files.write(ledger, lines);
        return ledger;
    }

    @Test
    void replaysASteadyRunAtTheStandardCheckpoints(@TempDir Path dir) throws IOException {
        CliRunner.Result result = cli.run("report", steadyLedger(dir, "").toString(), "--json");
        assertEquals(0, result.status(), result.err());
        assertEquals(15000, result.number("final_energy_j"), 1e-6);
        assertEquals(5, result.out().split("\"progress\"", -1).length - 1, result.out());
        List<Double> live = numbers(result.out(), "\"live\":\\{\"energy_j\":");
        List<Double> firstEpoch = numbers(result.out(), "\"first_epoch\":\\{\"energy_j\":");
        assertEquals(5, live.size(), "a live forecast at every checkpoint: " + result.out());
        live.forEach(e -> assertEquals(15000, e, 1e-6, "a steady run is forecast exactly"));
        assertEquals(4, firstEpoch.size(), "the first epoch ends at 10%: " + result.out());
        firstEpoch.forEach(e -> assertEquals(15000, e, 1e-6));
        assertTrue(result.out().contains("\"apriori\":null"), "no compute given: " + result.out());
    }

    private static List<Double> numbers(String json, String before) {
        List<Double> found = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(before + "([-0-9.eE+]+)").matcher(json);
        while (m.find()) {
            found.add(Double.parseDouble(m.group(1)));
        }
        return found;
    }

    @Test
    void theTableSaysHowOftenTheIntervalHeld(@TempDir Path dir) throws IOException {
        CliRunner.Result result = cli.run("report", steadyLedger(dir, "").toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().startsWith("run steady: 1000 steps, 101 samples"), result.out());
        assertTrue(result.out().contains("interval held at "), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("80%")), result.out());
    }

    @Test
    void withComputeAndHardwareTheAprioriEstimateIsShown(@TempDir Path dir) throws IOException {
        CliRunner.Result result = cli.run("report",
            steadyLedger(dir, "\"total.flops\":\"1e18\",\"hardware\":\"A100\"").toString(), "--json");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("\"apriori\":{\"energy_j\":"), result.out());
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) throws IOException {
        assertTrue(cli.run("report").err().contains("give exactly one ledger file"));
        assertTrue(cli.run("report", dir.resolve("none.jsonl").toString()).err().contains("cannot read the ledger"));
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "{\"type\":\"start\"}\n");
        assertTrue(cli.run("report", empty.toString()).err().contains("holds no sample records"));
        CliRunner.Result unknown = cli.run("report", steadyLedger(dir, "").toString(), "--run-id", "other");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("holds no run 'other'"), unknown.err());
    }
}
