package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.ledger.RankLedgers;

/** {@code report} of several ledgers: one job's ranks, totalled and replayed as one run. */
class JobReportTest {

    private final CliRunner cli = CliRunner.isolated();

    @TempDir
    Path dir;

    private String rank(String name, String runId, int rank, int worldSize, double gpuWatts) throws IOException {
        return RankLedgers.write(dir.resolve(name), runId, rank, worldSize, 10, gpuWatts, 10).toString();
    }

    @Test
    void twoRanksGiveTheJobsTotalsAndItsReplay() throws IOException {
        String r0 = rank("r0.jsonl", "slurm-7", 0, 2, 300);
        String r1 = rank("r1.jsonl", "slurm-7", 1, 2, 150);

        CliRunner.Result json = cli.run("report", r0, r1, "--json");
        assertEquals(0, json.status(), json.err());
        assertEquals(47_000, json.number("final_energy_j"), 1e-6);
        assertEquals(2000, json.number("steps"));
        assertTrue(json.out().startsWith("{\"run_id\":\"slurm-7\",\"steps\":2000,\"energy_j\":{\"gpu\":45000,"
            + "\"cpu\":2000,\"dram\":0},"), json.out());
        assertTrue(json.out().contains("\"ranks\":[{\"ledger\":\"" + r0 + "\",\"run_id\":\"slurm-7\",\"rank\":0,"
            + "\"steps\":1000,\"samples\":101,\"energy_j\":{\"gpu\":30000,\"cpu\":1000,\"dram\":0}"), json.out());
        assertEquals(6, json.out().split("\"progress\"", -1).length - 1, json.out());

        CliRunner.Result table = cli.run("report", r0, r1);
        assertEquals(0, table.status(), table.err());
        assertTrue(table.out().startsWith("job slurm-7: 2 ranks, 2000 steps, 202 samples, final energy 0.0131 kWh "
            + "(gpu 0.0125, cpu 0.0006, dram 0.0000), CO2e 6.27 g\n  rank 0   1000 steps, 0.0086 kWh"), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith("80% ") && l.contains("0.0131 [")), table.out());
    }

    @Test
    void differentRunsAreRefusedInOneLineUnlessMixedRunsIsGiven() throws IOException {
        String a = rank("a.jsonl", "slurm-7", 0, 2, 300);
        String b = rank("b.jsonl", "slurm-8", 1, 2, 300);

        CliRunner.Result refused = cli.run("report", a, b);
        assertEquals(2, refused.status());
        assertTrue(refused.err().startsWith("report: the ledgers hold different runs ('" + a + "': slurm-7, '" + b
            + "': slurm-8)"), refused.err());
        assertEquals(2, refused.err().lines().count(), "the reason and where the options are: " + refused.err());

        CliRunner.Result mixed = cli.run("report", a, b, "--mixed-runs", "--json");
        assertEquals(0, mixed.status(), mixed.err());
        assertTrue(mixed.out().startsWith("{\"run_ids\":[\"slurm-7\",\"slurm-8\"],"), mixed.out());
        assertTrue(cli.run("report", a, "--mixed-runs").err().contains("--mixed-runs totals the ledgers of several"));
    }

    @Test
    void aPageIsDrawnForOneLedgerOnlyAndSaysSo() throws IOException {
        CliRunner.Result refused = cli.run("report", rank("r0.jsonl", "job", 0, 2, 300),
            rank("r1.jsonl", "job", 1, 2, 300), "--html", dir.resolve("job.html").toString());
        assertEquals(2, refused.status());
        assertTrue(refused.err().startsWith("report: --html draws one run's ledger; give one ledger with it (got 2)"),
            refused.err());
        assertFalse(dir.resolve("job.html").toFile().exists(), "no page is written");
    }

    @Test
    void ranksMissingFromTheGivenLedgersAreSaid() throws IOException {
        CliRunner.Result result = cli.run("report", rank("r0.jsonl", "job", 0, 3, 300), rank("r1.jsonl", "job", 1, 3,
            300));
        assertEquals(0, result.status(), result.err());
        assertEquals("report: the job had 3 ranks and 2 ledgers are given: its totals cover these ranks only\n",
            result.err());
    }
}
