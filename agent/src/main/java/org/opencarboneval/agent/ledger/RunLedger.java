package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.SyncFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The append-only JSON-lines ledger. Records collect in memory and go to the file in one write per flush (every
 * {@code ledger.flush} seconds and at shutdown), so a killed JVM leaves whole lines and loses at most one flush
 * interval. Each flush is synced to the disk, so a crash of the machine loses no more. A sync that fails (a file
 * system without {@code fsync}, a network file system's I/O error) costs one warning, and each flush syncs again;
 * one line says when a sync succeeds again, as what was written meanwhile may not have reached the disk.
 *
 * <p>A write the file refuses (a full disk, an exceeded quota, an I/O error) costs one warning, and the records wait
 * in memory, up to {@value #MOST_WAITING_BYTES} bytes, while every flush tries again; once the file takes them, they
 * are written where they belong, the line a failure cut off completed, and one line says so. A disk full for a while
 * in a days-long run thus loses none of its record. Past that bound the ledger gives up, one line said, and drops
 * every record; so does a ledger that cannot be opened, or a path that is not a regular file (a link, a pipe, a
 * device), which is refused without being opened. What the file still refuses at exit is lost, said in one line.
 */
public final class RunLedger implements AutoCloseable {

    /**
     * Records that wait for a file refusing writes: months of the samples written meanwhile (one in ten minutes), less
     * where epochs are short, as each epoch's end is written too (hours, for epochs of a second).
     */
    static final int MOST_WAITING_BYTES = 8 << 20;
    private static final byte[] NONE = new byte[0];

    private final Path path;
    private final Duration flushInterval;
    /** Failures, which the agent counts: a ledger that cannot be opened, a refused write, a refused sync. */
    private final Consumer<String> warnings;
    /** What became of records a failure held back, said whatever was counted before: taken again, given up, lost. */
    private final Consumer<String> notes;
    private final StringBuilder pending = new StringBuilder();
    /** Bytes of earlier flushes that the file refused, which go first; empty while the file takes every write. */
    private byte[] refused = NONE;
    /** Whether {@link #refused} holds any: volatile, for the exporter's side, like {@link #failed}. */
    private volatile boolean refusing;
    private OutputStream out;
    private long lastFlushNanos;
    private boolean flushedOnce;
    /** Volatile: the exporter asks, and must not wait for a flush stalled on a network file system. */
    private volatile boolean failed;
    /** Whether the latest sync failed, so that a streak of failures is said once, and its end too. */
    private boolean unsynced;
    /** Set by {@link #close}: no flush follows, so what the file refuses now is lost, not waiting. */
    private boolean closing;

    private RunLedger(Path path, Duration flushInterval, Consumer<String> warnings, Consumer<String> notes) {
        this.path = path;
        this.flushInterval = flushInterval;
        this.warnings = warnings;
        this.notes = notes;
    }

    /** The ledger at {@code path}, its failures and notes said in {@code lines}. */
    public static RunLedger open(Path path, Duration flushInterval, Consumer<String> lines) {
        return open(path, flushInterval, lines, lines);
    }

    public static RunLedger open(Path path, Duration flushInterval, Consumer<String> warnings,
                                 Consumer<String> notes) {
        RunLedger ledger = new RunLedger(path, flushInterval, warnings, notes);
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ledger.out = LedgerFile.openForAppend(path);
            if (LedgerFile.endsInsideALine(path)) {
                ledger.pending.append('\n'); // the cut-off fragment stays a line of its own, which readers skip
            }
        } catch (IOException | RuntimeException e) {
            ledger.fail(e);
        }
        return ledger;
    }

    /** A ledger written to {@code out}, already open, and named {@code path} in warnings; for fault-injection tests. */
    public static RunLedger writingTo(Path path, OutputStream out, Duration flushInterval, Consumer<String> warnings,
                                      Consumer<String> notes) {
        RunLedger ledger = new RunLedger(path, flushInterval, warnings, notes);
        ledger.out = out;
        return ledger;
    }

    public synchronized void append(String record) {
        if (!failed) {
            pending.append(record).append('\n');
        }
    }

    /** Flushes when {@code ledger.flush} has passed since the last flush here, on the monotonic clock. */
    public synchronized void flushIfDue(long monotonicNanos) {
        if (!flushedOnce || monotonicNanos - lastFlushNanos >= flushInterval.toNanos()) {
            flush();
            lastFlushNanos = monotonicNanos;
            flushedOnce = true;
        }
    }

    public synchronized void flush() {
        if (failed || (pending.length() == 0 && refused.length == 0)) {
            return;
        }
        // records leave pending once in the file or in refused; the output says how much of a failed write it took
        byte[] bytes = waitingBytes();
        try {
            out.write(bytes);
            out.flush();
            pending.setLength(0);
            takenAgain();
            synced();
        } catch (SyncFailedException e) {
            pending.setLength(0);
            takenAgain();
            syncFailed(e);
        } catch (IOException e) {
            int written = IncompleteWriteException.writtenBy(e);
            byte[] unwritten = written == 0 ? bytes : Arrays.copyOfRange(bytes, written, bytes.length);
            pending.setLength(0);
            refuse(unwritten, e);
        }
    }

    /** The time between flushes ({@code ledger.flush}). */
    public Duration flushInterval() {
        return flushInterval;
    }

    /** Whether the file refused the latest write, so records wait in memory for it. */
    public boolean refusingWrites() {
        return refusing;
    }

    /** Whether every record appended so far is in the file: none is waiting for a flush, and none was dropped. */
    public synchronized boolean holdsAllAppended() {
        return !failed && pending.length() == 0 && refused.length == 0;
    }

    /** Whether the ledger gave up: it could not be opened, or too much waited for a file refusing writes. */
    public boolean failed() {
        return failed;
    }

    @Override
    public synchronized void close() {
        closing = true;
        flush();
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private byte[] waitingBytes() {
        byte[] appended = pending.toString().getBytes(StandardCharsets.UTF_8);
        if (refused.length == 0 || appended.length == 0) {
            return refused.length == 0 ? appended : refused;
        }
        byte[] bytes = Arrays.copyOf(refused, refused.length + appended.length);
        System.arraycopy(appended, 0, bytes, refused.length, appended.length);
        return bytes;
    }

    /** The file took a write; if records had waited for it, one line says they are now in it. */
    private void takenAgain() {
        int waited = refused.length;
        refused = NONE;
        refusing = false;
        if (waited > 0) {
            notes.accept("the ledger " + path + " takes writes again: the " + waited + " bytes of records that"
                + " waited for it are written");
        }
    }

    /** Keeps what the file refused for the next flush, said at the first; gives up past the bound or at exit. */
    private void refuse(byte[] unwritten, IOException e) {
        if (closing || unwritten.length > MOST_WAITING_BYTES) {
            String line = closing
                ? "cannot write the ledger " + path + " at exit: " + reason(e) + "; its last " + unwritten.length
                    + " bytes of records are lost"
                : "cannot write the ledger " + path + ", continuing without it: it refused writes until "
                    + unwritten.length + " bytes of records waited for it: " + reason(e);
            // a failure already counted at its first refusal is only told of its end
            Consumer<String> told = refusing ? notes : warnings;
            refused = NONE;
            refusing = false;
            failed = true;
            told.accept(line);
            return;
        }
        if (!refusing) {
            warnings.accept("cannot write the ledger " + path + ": " + reason(e) + "; its records wait in memory (up"
                + " to " + (MOST_WAITING_BYTES >> 20) + " MB) and each flush tries again");
        }
        refused = unwritten;
        refusing = true;
    }

    private void syncFailed(SyncFailedException e) {
        if (!unsynced) {
            warnings.accept("cannot sync the ledger " + path + " to the disk: " + e.getMessage() + "; it goes on"
                + " unsynced (a machine crash may lose its last records) and each flush syncs again");
        }
        unsynced = true;
    }

    private void synced() {
        if (unsynced) {
            notes.accept("the ledger " + path + " syncs to the disk again; what was written to it while it did not"
                + " may not be on the disk");
        }
        unsynced = false;
    }

    private void fail(Exception e) {
        failed = true;
        warnings.accept("cannot write the ledger " + path + ", continuing without it: " + reason(e));
    }

    /**
     * File-system exceptions often carry only a path as their message; say what is wrong with it. A write cut short
     * is told by what cut it.
     */
    private static String reason(Exception e) {
        if (e instanceof IncompleteWriteException incomplete && incomplete.getCause() instanceof Exception cause) {
            return reason(cause);
        }
        if (e instanceof java.nio.file.FileSystemException problem && problem.getReason() == null) {
            String what = e instanceof java.nio.file.NotDirectoryException ? "is not a directory"
                : e instanceof java.nio.file.NoSuchFileException ? "does not exist"
                : e instanceof java.nio.file.AccessDeniedException ? "is not writable"
                : e instanceof java.nio.file.FileAlreadyExistsException ? "exists and is not a directory"
                : e.getClass().getSimpleName();
            return problem.getFile() + " " + what;
        }
        // an I/O error's message says it all; anything else is named by its class as well
        return e instanceof IOException ? e.getMessage() : e.toString();
    }
}
