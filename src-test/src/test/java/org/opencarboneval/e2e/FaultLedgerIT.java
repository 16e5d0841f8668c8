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

    /**
     * A real full disk mid-run (a tmpfs), freed while the job trains: the refused write is one line, the records wait,
     * and once there is room they are written where they belong, the record the disk cut off completed, and one line
     * says so. The ledger ends whole: every sample once, in order, and the end record.
     */
    @Test
    void aDiskFullMidRunKeepsTheRecordsUntilThereIsRoomAgain() throws Exception {
        try (TinyDisk disk = TinyDisk.mount("fault-disk-full", "size=1m")) {
            // Room for the start record and a few samples: at 20 samples a second the disk fills in the first second.
            // Freed, it has a megabyte, minutes of samples, so that a machine slowed by other builds cannot fill it
            // again before the run ends (it did, with 64 kB: a second refusal, and a third line at the exit).
            disk.fillLeaving(4096);
            Path ledger = disk.directory().resolve("run.jsonl");

            List<String> lines = FaultRuns.trainAndGetTheAgentLines("fault-ledger-disk-full", "ledger=" + ledger
                + ",run_id=fault,interval=0.05,ledger.flush=0.1," + FaultRuns.FAULT_LINES_ONLY, Map.of(), running -> {
                    running.awaitStderr(text -> text.contains("cannot write the ledger"));
                    disk.free();
                    running.awaitStderr(text -> text.contains("takes writes again"));
                });

            assertEquals(2, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(0).contains("cannot write the ledger " + ledger), lines.get(0));
            assertTrue(lines.get(0).contains("No space left on device"), lines.get(0));
            assertTrue(lines.get(1).startsWith("[opencarboneval] the ledger " + ledger + " takes writes again"),
                lines.get(1));
            Ledger written = Ledger.read(ledger);
            assertEquals(List.of(), written.unparsable(), "the record the disk cut off was completed");
            assertEquals(1, written.ofType("start").size());
            assertEquals(1, written.ofType("end").size(), "the run's end is on record");
            List<Long> sequence = written.ofType("sample").stream().map(r -> ((Number) r.get("seq")).longValue())
                .toList();
            for (int i = 1; i < sequence.size(); i++) {
                assertTrue(sequence.get(i) > sequence.get(i - 1), "each sample once, in order: " + sequence);
            }
        }
    }

    /**
     * /dev/full reads as endless zeros and fails every write: a device is refused as a ledger without being opened,
     * neither read to resume nor written. The heap is capped so that an agent reading it anyway fails fast instead
     * of filling a default-sized heap.
     */
    @Test
    void aLedgerOnDevFullIsOneLine() throws Exception {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.exists(devFull), "no /dev/full on this system");

        String line = FaultRuns.trainAndGetTheOneAgentLine("fault-ledger-dev-full",
            "ledger=" + devFull + ",run_id=fault," + FaultRuns.FAULT_LINES_ONLY,
            Map.of("JAVA_TOOL_OPTIONS", "-Xmx256m"));

        assertTrue(line.contains("cannot write the ledger " + devFull), line);
        assertTrue(line.contains("is a named pipe, socket or device, not a regular file"), line);
    }

    /** Opening a named pipe blocks until its other end opens: a pipe given as the ledger must not hold the job. */
    @Test
    void aNamedPipeLedgerIsOneLineAndDoesNotBlock() throws Exception {
        Path fifo = TrainingJvm.workFile("fault-ledger-fifo.jsonl");
        Files.deleteIfExists(fifo);
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

        String line = FaultRuns.trainAndGetTheOneAgentLine("fault-ledger-fifo",
            "ledger=" + fifo + ",run_id=fault," + FaultRuns.FAULT_LINES_ONLY, Map.of());

        assertTrue(line.contains("cannot write the ledger " + fifo), line);
        assertTrue(line.contains("is a named pipe, socket or device, not a regular file"), line);
    }
}
