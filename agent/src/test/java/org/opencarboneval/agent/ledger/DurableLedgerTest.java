package org.opencarboneval.agent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each flush of the ledger reaches the disk, so a machine crash loses no more than a killed JVM does. */
class DurableLedgerTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private int syncs;

    @Test
    void eachFlushIsSyncedAndAppendsWaitForIt() throws Exception {
        Path file = dir.resolve("run.jsonl");
        FileChannel channel = channel(file);
        RunLedger ledger = RunLedger.writingTo(file, new DurableFileOutput(channel, () -> {
            syncs++;
            channel.force(false);
        }), Duration.ZERO, warnings::add, warnings::add);

        ledger.append("{\"a\":1}");
        assertEquals(0, syncs, "a record waiting for its flush is not synced on its own");
        ledger.flush();
        assertEquals(1, syncs);
        ledger.append("{\"a\":2}");
        ledger.flush();
        ledger.flush(); // nothing new: no sync
        assertEquals(2, syncs);
        ledger.close();

        assertEquals(List.of("{\"a\":1}", "{\"a\":2}"), Files.readAllLines(file));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFileSystemThatCannotSyncIsOneWarningAndTheLedgerGoesOnUnsynced() throws Exception {
        Path file = dir.resolve("run.jsonl");
        RunLedger ledger = RunLedger.writingTo(file, new DurableFileOutput(channel(file), () -> {
            syncs++;
            throw new IOException("Invalid argument"); // a file system without fsync: EINVAL
        }), Duration.ZERO, warnings::add, warnings::add);

        for (int i = 1; i <= 3; i++) {
            ledger.append("{\"a\":" + i + "}");
            ledger.flush();
            assertTrue(ledger.holdsAllAppended(), "what was written is on file, if unsynced");
        }
        ledger.close();

        assertEquals(3, syncs, "each flush asks again");
        assertFalse(ledger.failed());
        assertEquals(List.of("{\"a\":1}", "{\"a\":2}", "{\"a\":3}"), Files.readAllLines(file));
        assertEquals(List.of(unsynced(file, "Invalid argument")), warnings, "one line for the whole run");
    }

    /**
     * A network file system's outage surfaces at the sync as an I/O error, and ends: the ledger keeps syncing, and one
     * line says when it syncs again, as the records written meanwhile may not be on the disk.
     */
    @Test
    void aSyncThatFailsForAWhileIsTriedAgainAtEachFlush() throws Exception {
        Path file = dir.resolve("run.jsonl");
        FileChannel channel = channel(file);
        boolean[] outage = {true};
        RunLedger ledger = RunLedger.writingTo(file, new DurableFileOutput(channel, () -> {
            syncs++;
            if (outage[0]) {
                throw new IOException("Input/output error");
            }
            channel.force(false);
        }), Duration.ZERO, warnings::add, warnings::add);

        ledger.append("{\"a\":1}");
        ledger.flush();
        ledger.append("{\"a\":2}");
        ledger.flush();
        outage[0] = false;
        ledger.append("{\"a\":3}");
        ledger.flush();
        ledger.append("{\"a\":4}");
        ledger.flush();
        ledger.close();

        assertEquals(4, syncs);
        assertEquals(List.of("{\"a\":1}", "{\"a\":2}", "{\"a\":3}", "{\"a\":4}"), Files.readAllLines(file));
        assertEquals(List.of(unsynced(file, "Input/output error"), "the ledger " + file + " syncs to the disk again;"
            + " what was written to it while it did not may not be on the disk"), warnings);
    }

    private static String unsynced(Path file, String reason) {
        return "cannot sync the ledger " + file + " to the disk: " + reason + "; it goes on unsynced (a machine crash"
            + " may lose its last records) and each flush syncs again";
    }

    @Test
    void theAgentsLedgerSyncsOnARealFileSystem() throws Exception {
        Path file = dir.resolve("run.jsonl");
        RunLedger ledger = RunLedger.open(file, Duration.ZERO, warnings::add);
        ledger.append("{\"a\":1}");
        ledger.flush();
        ledger.close();

        assertEquals(List.of("{\"a\":1}"), Files.readAllLines(file));
        assertEquals(List.of(), warnings, "a local file system syncs without a warning");
    }

    private static FileChannel channel(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
