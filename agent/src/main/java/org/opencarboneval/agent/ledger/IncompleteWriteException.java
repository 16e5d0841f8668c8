package org.opencarboneval.agent.ledger;

import java.io.IOException;

/**
 * A write to the ledger's file that failed, and how many of its bytes were already in it: a disk that filled up in
 * the middle of a flush. The ledger retries with the rest only, so that the cut-off line is completed, not repeated.
 */
final class IncompleteWriteException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int written;

    IncompleteWriteException(int written, Exception cause) {
        super(cause.getMessage(), cause);
        this.written = written;
    }

    /** How many of the write's bytes are in the file. */
    int written() {
        return written;
    }

    /** How many of a failed write's bytes are in the file: none, unless the output counted them. */
    static int writtenBy(IOException failure) {
        return failure instanceof IncompleteWriteException incomplete ? incomplete.written : 0;
    }
}
