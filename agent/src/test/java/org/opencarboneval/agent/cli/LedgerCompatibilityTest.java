package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.ledger.LedgerRun;

/**
 * Ledgers written before the reader became strict still read whole: the committed traces, and the MLPerf runs
 * converted to ledgers (gzip-compressed, written by another program) in {@code ../shared/data/mlperf-dev}.
 */
class LedgerCompatibilityTest {

    @Test
    void everyRecordedLedgerReadsWithoutADamagedLine() throws IOException, URISyntaxException {
        List<Path> ledgers = new ArrayList<>();
        try (Stream<Path> traces = Files.list(Path.of(getClass().getResource("/traces").toURI()));
             Stream<Path> mlperf = Files.walk(SharedData.file("mlperf-dev"))) {
            traces.forEach(ledgers::add);
            mlperf.filter(p -> p.toString().endsWith(".jsonl.gz")).forEach(ledgers::add);
        }
        assertTrue(ledgers.size() > 400, "the traces and the MLPerf ledgers: " + ledgers.size());

        for (Path ledger : ledgers) {
            LedgerRun run = LedgerRun.read(ledger, Optional.empty());

            assertEquals(Optional.empty(), run.damage(), ledger.toString());
            assertEquals("end", run.last().type(), ledger.toString());
            assertTrue(run.sampleCount() > 10, ledger + ": " + run.sampleCount());
            assertTrue(!run.settings().isEmpty(), ledger.toString());
        }
    }

    @Test
    void reportReadsAGzipLedger() {
        Path ledger = SharedData.file("mlperf-dev/v0.7_DellEMC_2xC4140_resnet_result_4.jsonl.gz");

        CliRunner.Result result = CliRunner.isolated().run("report", ledger.toString(), "--json");

        assertEquals(0, result.status(), result.err());
        assertEquals("", result.err());
        assertEquals(25653300.96, result.number("final_energy_j"), 1e-6);
    }
}
