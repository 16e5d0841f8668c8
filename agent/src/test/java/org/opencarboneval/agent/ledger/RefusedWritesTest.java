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
            + " (up to 8 MB) and each flush tries again", "cannot write the ledger " + file + " at exit: the 16 bytes"
            + " of records that waited for it are lost"), warnings);
    }

    private RunLedger ledgerOn(Path file, Disk disk) {
        return RunLedger.writingTo(file, new DurableFileOutput(disk, () -> { }), Duration.ZERO, warnings::add,
            warnings::add);
    }

    /** The ledger's file on a disk with {@link #room} bytes left: a write past it is cut short, the next refused. */
    private static final class Disk implements WritableByteChannel {
        private final FileChannel file;
        long room;

        Disk(Path path, long room) throws IOException {
            this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            this.room = room;
        }

        @Override
        public int write(ByteBuffer buffer) throws IOException {
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
