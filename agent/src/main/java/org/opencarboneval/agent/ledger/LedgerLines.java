package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The lines of a ledger file. Only a regular file is read (a ledger pointed at a device or a pipe would never end),
 * and bytes are decoded leniently: a line cut inside a character by a crash or a full disk is one bad line, not an
 * unreadable ledger.
 */
final class LedgerLines {

    private LedgerLines() {
    }

    /** Every line. */
    static List<String> all(Path ledger) throws IOException {
        requireRegularFile(ledger);
        return new String(Files.readAllBytes(ledger), StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * The whole lines in the last {@code bytes} of the file: enough to find the last records without loading a
     * week-long run's ledger into the application's heap.
     */
    static List<String> tail(Path ledger, int bytes) throws IOException {
        requireRegularFile(ledger);
        try (RandomAccessFile file = new RandomAccessFile(ledger.toFile(), "r")) {
            long start = Math.max(0, file.length() - bytes);
            byte[] buffer = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(buffer);
            List<String> lines = new String(buffer, StandardCharsets.UTF_8).lines().toList();
            // Reading from the middle of the file, the first line is a fragment.
            return start > 0 && !lines.isEmpty() ? lines.subList(1, lines.size()) : lines;
        }
    }

    private static void requireRegularFile(Path ledger) throws IOException {
        if (!Files.exists(ledger)) {
            throw new NoSuchFileException(ledger.toString());
        }
        if (!Files.isRegularFile(ledger)) {
            throw new IOException(ledger + " is not a regular file");
        }
    }
}
