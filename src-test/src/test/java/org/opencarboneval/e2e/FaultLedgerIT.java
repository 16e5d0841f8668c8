package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A ledger that cannot be written costs the run one line and nothing else: the training runs as without the agent. */
@Timeout(300)
class FaultLedgerIT {

    @Test
    void aLedgerDirectoryThatCannotBeCreatedIsOneLine() throws Exception {
        Path notADirectory = TrainingJvm.workFile("fault-ledger-parent-is-a-file");
        Files.writeString(notADirectory, "a regular file where the ledger's directory should be\n");
        Path ledger = notADirectory.resolve("run.jsonl");

        String line = FaultRuns.trainAndGetTheOneAgentLine("fault-ledger-not-a-directory",
            "ledger=" + ledger + ",run_id=fault," + FaultRuns.FAULT_LINES_ONLY, Map.of());

        assertTrue(line.contains("cannot write the ledger " + ledger), line);
    }

    @Test
    void aReadOnlyLedgerDirectoryIsOneLine() throws Exception {
        try (TinyDisk readOnly = TinyDisk.mount("fault-read-only", "ro,size=64k")) {
            Path ledger = readOnly.directory().resolve("run.jsonl");

            String line = FaultRuns.trainAndGetTheOneAgentLine("fault-ledger-read-only",
                "ledger=" + ledger + ",run_id=fault," + FaultRuns.FAULT_LINES_ONLY, Map.of());

            assertTrue(line.contains("cannot write the ledger " + ledger), line);
            assertTrue(line.contains("Read-only file system"), line);
            assertFalse(Files.exists(ledger));
        }
    }

    @Test
    void aDiskFullMidRunIsOneLineAndTheRecordsBeforeItStayReadable() throws Exception {
        try (TinyDisk disk = TinyDisk.mount("fault-disk-full", "size=64k")) {
            // Room for the start record and a few samples: at 20 samples a second the disk fills in the first second.
            disk.fillLeaving(4096);
            Path ledger = disk.directory().resolve("run.jsonl");

            String line = FaultRuns.trainAndGetTheOneAgentLine("fault-ledger-disk-full", "ledger=" + ledger
                + ",run_id=fault,interval=0.05,ledger.flush=0.1," + FaultRuns.FAULT_LINES_ONLY, Map.of());

            assertTrue(line.contains("cannot write the ledger " + ledger), line);
            assertTrue(line.contains("No space left on device"), line);
            Ledger written = Ledger.read(ledger);
            assertEquals(1, written.ofType("start").size(), "the start record was written before the disk filled");
            assertFalse(written.ofType("sample").isEmpty(), "and samples after it");
            List<String> cut = written.unparsable();
            assertTrue(cut.size() <= 1, "at most the one record the disk had no room for is cut: " + cut);
        }
    }

    /**
     * /dev/full: every write fails with ENOSPC, the real disk-full error. It also reads as endless zeros, so a
     * ledger that is not a regular file must not be read to resume. The heap is capped so that an agent reading it
     * anyway fails fast instead of filling a default-sized heap.
     */
    @Test
    void aLedgerOnDevFullIsOneLine() throws Exception {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.exists(devFull), "no /dev/full on this system");

        String line = FaultRuns.trainAndGetTheOneAgentLine("fault-ledger-dev-full",
            "ledger=" + devFull + ",run_id=fault," + FaultRuns.FAULT_LINES_ONLY,
            Map.of("JAVA_TOOL_OPTIONS", "-Xmx256m"));

        assertTrue(line.contains("cannot write the ledger " + devFull), line);
        assertTrue(line.contains("No space left on device"), line);
    }
}
