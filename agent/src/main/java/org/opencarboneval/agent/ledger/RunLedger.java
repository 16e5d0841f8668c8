package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.SyncFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The append-only JSON-lines ledger. Records collect in memory and go to the file in one write per flush (every
 * {@code ledger.flush} seconds and at shutdown), so a killed JVM leaves whole lines and loses at most one flush
 * interval. Each flush is synced to the disk, so a crash of the machine loses no more; a file system that cannot sync
 * costs one warning and the ledger goes on unsynced. An unwritable ledger costs one warning, then records are
 * dropped; so does a path that is not a regular file (a link, a pipe, a device), which is refused without being
 * opened.
 */
public final class RunLedger implements AutoCloseable {

    private final Path path;
    private final Duration flushInterval;
    private final Consumer<String> warnings;
    private final StringBuilder pending = new StringBuilder();
    private OutputStream out;
    private long lastFlushNanos;
    private boolean flushedOnce;
    /** Volatile: the exporter asks, and must not wait for a flush stalled on a network file system. */
    private volatile boolean failed;

    private RunLedger(Path path, Duration flushInterval, Consumer<String> warnings) {
        this.path = path;
        this.flushInterval = flushInterval;
        this.warnings = warnings;
    }

    public static RunLedger open(Path path, Duration flushInterval, Consumer<String> warnings) {
        RunLedger ledger = new RunLedger(path, flushInterval, warnings);
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
    public static RunLedger writingTo(Path path, OutputStream out, Duration flushInterval, Consumer<String> warnings) {
        RunLedger ledger = new RunLedger(path, flushInterval, warnings);
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
        if (failed || pending.length() == 0) {
            return;
        }
        try {
            out.write(pending.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (SyncFailedException e) {
            warnings.accept("cannot sync the ledger " + path + " to the disk, continuing unsynced (a machine crash may"
                + " lose its last records): " + e.getMessage());
        } catch (IOException e) {
            fail(e);
        }
        pending.setLength(0);
    }

    /** Whether every record appended so far is in the file: none is waiting for a flush, and none was dropped. */
    public synchronized boolean holdsAllAppended() {
        return !failed && pending.length() == 0;
    }

    /** Whether the ledger gave up after a failed open or write; it then drops every record. */
    public boolean failed() {
        return failed;
    }

    @Override
    public synchronized void close() {
        flush();
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private void fail(Exception e) {
        failed = true;
        warnings.accept("cannot write the ledger " + path + ", continuing without it: " + reason(e));
    }

    /** File-system exceptions often carry only a path as their message; say what is wrong with it. */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException problem && problem.getReason() == null) {
            String what = e instanceof java.nio.file.NotDirectoryException ? "is not a directory"
                : e instanceof java.nio.file.NoSuchFileException ? "does not exist"
                : e instanceof java.nio.file.AccessDeniedException ? "is not writable"
                : e instanceof java.nio.file.FileAlreadyExistsException ? "exists and is not a directory"
                : e.getClass().getSimpleName();
            return problem.getFile() + " " + what;
        }
        return e.getMessage();
    }
}
