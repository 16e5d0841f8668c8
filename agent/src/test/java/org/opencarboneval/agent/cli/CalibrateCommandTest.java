package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCommandTest {

    private final CliRunner cli = CliRunner.isolated();

    @Test
    void fitsTheSharedStartingSetAndPrintsLeaveOneOutErrors(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("cal.properties");
        CliRunner.Result result = cli.run("calibrate", "--runs", SharedData.file("published_runs.csv").toString(),
            "--out", out.toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("GPT-3 175B"), result.out());
        assertTrue(result.out().matches("(?s).*device-hours calibrated n=\\d+ +median APE +[0-9.]+% +mean APE.*"),
            result.out());
        assertTrue(result.out().contains("energy       paper"), result.out());
        assertTrue(Files.readString(out).contains("family.TPUv3.ln_time_shift="));

        CliRunner.Result estimate = cli.run("estimate", "--hardware", "TPU v3", "--flops", "1e23", "--json",
            "--calibration", out.toString());
        CliRunner.Result bundled = cli.run("estimate", "--hardware", "TPU v3", "--flops", "1e23", "--json");
        assertEquals(0, estimate.status(), estimate.err());
        assertTrue(estimate.number("device_seconds") != bundled.number("device_seconds"),
            "a calibration fitted on other runs gives another estimate");
    }

    @Test
    void aMissingOrMalformedRunsFileIsNamed(@TempDir Path dir) throws IOException {
        CliRunner.Result missing = cli.run("calibrate", "--runs", dir.resolve("nope.csv").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--runs: cannot read"), missing.err());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "model,hardware\nx,A100\n");
        CliRunner.Result malformed = cli.run("calibrate", "--runs", bad.toString());
        assertEquals(2, malformed.status());
        assertTrue(malformed.err().contains("lacks the column(s) [params, training_flops"), malformed.err());
    }
}
