package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.SyncFailedException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The ledger's file, whose {@link #flush()} returns once what was written is on the disk ({@code fdatasync}), not
 * only in the page cache. A restart after a machine crash, or after a node's loss with the ledger on a network file
 * system, resumes from what the disk holds; the exported counters follow the ledger's flushes, so they are then never
 * ahead of it. A sync that fails (a file system without {@code fsync}, or an I/O error on the way to the disk, as a
 * network file system's outage surfaces) fails the flush with a {@link SyncFailedException}, the bytes written; the
 * next flush syncs again. A write that fails part-way says how much of it is in the file
 * ({@link IncompleteWriteException}).
 */
final class DurableFileOutput extends OutputStream {

    /** What makes the written bytes durable: {@code fdatasync} for a file; a test counts or refuses it. */
    @FunctionalInterface
    interface Sync {
        void toDisk() throws IOException;
    }

    private final WritableByteChannel file;
    private final Sync sync;

    DurableFileOutput(FileChannel file) {
        this(file, () -> file.force(false));
    }

    DurableFileOutput(WritableByteChannel file, Sync sync) {
        this.file = file;
        this.sync = sync;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        try {
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
        } catch (IOException | RuntimeException e) {
            // whatever stopped it, the ledger must know how much went in, or it would write that part twice
            throw new IncompleteWriteException(buffer.position() - offset, e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            sync.toDisk();
        } catch (IOException e) {
            SyncFailedException failed = new SyncFailedException(e.getMessage());
            failed.initCause(e);
            throw failed;
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
