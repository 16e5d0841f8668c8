package org.opencarboneval.agent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that refuses writes for a while (a full disk, a quota) keeps the ledger's records waiting, not lost. */
class RefusedWritesTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    /** The disk fills in the middle of a flush, stays full for two more, then has room: the file ends up whole. */
    @Test
    void recordsWaitForADiskThatFillsAndAreWrittenOnceItHasRoom() throws Exception {
        Path file = dir.resolve("run.jsonl");
        Disk disk = new Disk(file, 12);
        RunLedger ledger = ledgerOn(file, disk);

        ledger.append("{\"a\":1}");
        ledger.append("{\"a\":2}"); // 16 bytes: the second line is cut after its fourth
        ledger.flush();
        assertTrue(ledger.refusingWrites());
        assertFalse(ledger.holdsAllAppended(), "a record waits");
        ledger.append("{\"a\":3}");
        ledger.flush();
        ledger.flush();
        assertEquals("{\"a\":1}\n{\"a\"", Files.readString(file));

        disk.room = Long.MAX_VALUE;
        ledger.append("{\"a\":4}");
        ledger.flush();
        ledger.close();

        assertEquals(List.of("{\"a\":1}", "{\"a\":2}", "{\"a\":3}", "{\"a\":4}"), Files.readAllLines(file),
            "the cut line completed, none repeated");
        assertTrue(ledger.holdsAllAppended());
        assertFalse(ledger.failed());
        assertEquals(List.of("cannot write the ledger " + file + ": No space left on device; its records wait in memory"
            + " (up to 8 MB) and each flush tries again", "the ledger " + file + " takes writes again: the 12 bytes of"
            + " records that waited for it are written"), warnings);
    }

    /**
     * A network file system back from an outage takes the write but fails the sync: the records are written, said,
     * and the sync's failure is a warning of its own, so neither hides the other.
     */
    @Test
    void aFileThatTakesWritesAgainButCannotSyncSaysBoth() throws Exception {
        Path file = dir.resolve("run.jsonl");
        Disk disk = new Disk(file, 0);
        boolean[] syncFails = {true};
        RunLedger ledger = RunLedger.writingTo(file, new DurableFileOutput(disk, () -> {
            if (syncFails[0]) {
                throw new IOException("Input/output error");
            }
        }), Duration.ZERO, warnings::add, warnings::add);
        ledger.append("{\"a\":1}");
        ledger.flush();
        disk.room = Long.MAX_VALUE;
        ledger.append("{\"a\":2}");
        ledger.flush();
        assertTrue(ledger.holdsAllAppended(), "written, if not synced");
        syncFails[0] = false;
        ledger.close();

        assertEquals(List.of("{\"a\":1}", "{\"a\":2}"), Files.readAllLines(file));
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.get(1).startsWith("the ledger " + file + " takes writes again: the 8 bytes"),
            warnings.get(1));
        assertTrue(warnings.get(2).startsWith("cannot sync the ledger " + file + " to the disk: Input/output error"),
            warnings.get(2));
    }

    /** A disk that never has room again: records wait up to the bound, then the ledger gives up, said once more. */
    @Test
    void pastTheBoundTheLedgerGivesUp() throws Exception {
        Path file = dir.resolve("run.jsonl");
        RunLedger ledger = ledgerOn(file, new Disk(file, 0));
        String record = "{\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";
        int waitingRecords = RunLedger.MOST_WAITING_BYTES / (record.length() + 1);
        for (int i = 0; i < waitingRecords; i++) {
            ledger.append(record);
            ledger.flush();
        }
        assertFalse(ledger.failed(), "up to the bound, records wait");
        ledger.append(record);
        ledger.flush();
        assertTrue(ledger.failed());
        ledger.append(record);
        ledger.close();

        assertEquals(0, Files.size(file));
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(1).startsWith("cannot write the ledger " + file + ", continuing without it: it refused"
            + " writes until " + (waitingRecords + 1) * (record.length() + 1) + " bytes of records waited for it"),
            warnings.get(1));
    }

    @Test
    void recordsStillWaitingAtExitAreSaidLost() throws Exception {
        Path file = dir.resolve("run.jsonl");
        RunLedger ledger = ledgerOn(file, new Disk(file, 0));
        ledger.append("{\"a\":1}");
        ledger.flush();
        ledger.append("{\"a\":2}");
        ledger.close();

        assertEquals(List.of("cannot write the ledger " + file + ": No space left on device; its records wait in memory"
            + " (up to 8 MB) and each flush tries again", "cannot write the ledger " + file + " at exit: No space left"
            + " on device; its last 16 bytes of records are lost"), warnings);
        assertTrue(ledger.failed());
    }

    /** The disk fills during the last flush, after part of it: one line, which says what is lost, nothing more. */
    @Test
    void aDiskThatFillsAtExitIsOneLine() throws Exception {
        Path file = dir.resolve("run.jsonl");
        List<String> counted = new ArrayList<>();
        RunLedger ledger = RunLedger.writingTo(file, new DurableFileOutput(new Disk(file, 10), () -> { }),
            Duration.ZERO, counted::add, warnings::add);
        ledger.append("{\"a\":1}");
        ledger.append("{\"a\":2}");
        ledger.close();

        assertEquals(List.of("cannot write the ledger " + file + " at exit: No space left on device; its last 6 bytes"
            + " of records are lost"), counted, "counted once, as any first refusal");
        assertEquals(List.of(), warnings);
        assertEquals("{\"a\":1}\n{\"", Files.readString(file));
    }

    /**
     * A write that throws what no file system should (a bug below the ledger), after part of the flush went in: it is
     * a refused write like any other, and the rest is written after the part already in, none of it twice.
     */
    @Test
    void anUnexpectedFailureMidWriteNeitherLosesNorRepeatsARecord() throws Exception {
        Path file = dir.resolve("run.jsonl");
        Disk disk = new Disk(file, 10);
        disk.unexpected = true;
        RunLedger ledger = ledgerOn(file, disk);
        ledger.append("{\"a\":1}");
        ledger.append("{\"a\":2}");
        ledger.flush();
        assertTrue(ledger.refusingWrites());
        disk.room = Long.MAX_VALUE;
        ledger.append("{\"a\":3}");
        ledger.close();

        assertEquals(List.of("{\"a\":1}", "{\"a\":2}", "{\"a\":3}"), Files.readAllLines(file));
        assertEquals("cannot write the ledger " + file + ": java.lang.IllegalStateException: a bug below the ledger;"
            + " its records wait in memory (up to 8 MB) and each flush tries again", warnings.get(0));
    }

    private RunLedger ledgerOn(Path file, Disk disk) {
        return RunLedger.writingTo(file, new DurableFileOutput(disk, () -> { }), Duration.ZERO, warnings::add,
            warnings::add);
    }

    /** The ledger's file on a disk with {@link #room} bytes left: a write past it is cut short, the next refused. */
    private static final class Disk implements WritableByteChannel {
        private final FileChannel file;
        long room;
        /** Whether a full disk throws what no file system should, instead of an I/O error. */
        boolean unexpected;

        Disk(Path path, long room) throws IOException {
            this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            this.room = room;
        }

        @Override
        public int write(ByteBuffer buffer) throws IOException {
            if (room == 0 && unexpected) {
                throw new IllegalStateException("a bug below the ledger");
            }
            if (room == 0) {
                throw new IOException("No space left on device");
            }
            ByteBuffer fits = buffer.slice();
            fits.limit((int) Math.min(fits.remaining(), room));
            int written = file.write(fits);
            buffer.position(buffer.position() + written);
            room -= written;
            return written;
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
