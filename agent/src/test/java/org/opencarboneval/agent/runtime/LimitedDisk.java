package org.opencarboneval.agent.runtime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The ledger's file on a disk with {@link #room} bytes left: a write that does not fit fails, as on a full disk. */
final class LimitedDisk extends FilterOutputStream {

    volatile long room;

    LimitedDisk(OutputStream out, long room) {
        super(out);
        this.room = room;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > room) {
            throw new IOException("No space left on device");
        }
        room -= length;
        out.write(bytes, offset, length);
    }
}
