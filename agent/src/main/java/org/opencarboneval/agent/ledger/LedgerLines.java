package org.opencarboneval.agent.ledger;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.opencarboneval.exporter.JsonObject;

/**
 * The lines of a ledger, read one at a time in memory bounded by the longest line a ledger may hold
 * ({@value #MAX_LINE_BYTES} bytes; a longer one comes back as {@link Line#overLong()} without its text). Lines end at
 * {@code \n}; bytes are decoded leniently: a line cut inside a character by a crash or a full disk is one bad line,
 * not an unreadable ledger.
 */
final class LedgerLines implements Closeable {

    /** Far above any record the agent writes (a start record with long settings is a few KiB). */
    static final int MAX_LINE_BYTES = 64 * 1024;

    /** One line and its number, from 1. */
    record Line(long number, String text, boolean overLong) {
        boolean isBlank() {
            return !overLong && text.isBlank();
        }

        /** The record on the line; an {@link IllegalArgumentException} saying why when the line is damaged. */
        JsonObject record() {
            if (overLong) {
                throw new IllegalArgumentException("longer than the " + MAX_LINE_BYTES + " bytes a ledger line may hold");
            }
            return LedgerRecord.read(text);
        }
    }

    private final InputStream in;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkStart;
    private int chunkEnd;
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int lineLength;
    private boolean lineOverLong;
    private long lineNumber;

    private LedgerLines(InputStream in) {
        this.in = in;
    }

    /** A ledger read for {@code report}: see {@link LedgerFile#openForReading}. */
    static LedgerLines open(Path ledger) throws IOException {
        return new LedgerLines(LedgerFile.openForReading(ledger));
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        lineLength = 0;
        lineOverLong = false;
        boolean any = false;
        while (true) {
            if (chunkStart == chunkEnd && !fill()) {
                return any ? line() : null;
            }
            any = true;
            int end = chunkStart;
            while (end < chunkEnd && chunk[end] != '\n') {
                end++;
            }
            append(chunkStart, end);
            boolean lineEnds = end < chunkEnd;
            chunkStart = lineEnds ? end + 1 : end;
            if (lineEnds) {
                return line();
            }
        }
    }

    private boolean fill() throws IOException {
        int read;
        try {
            read = in.read(chunk);
        } catch (EOFException cutShort) {
            // A gzip ledger cut short (still being compressed, or a copy stopped): what came before it stays readable.
            if (in instanceof GZIPInputStream) {
                return false;
            }
            throw cutShort;
        }
        chunkStart = 0;
        chunkEnd = Math.max(read, 0);
        return read > 0;
    }

    private void append(int from, int to) {
        int room = MAX_LINE_BYTES - lineLength;
        if (to - from > room) {
            lineOverLong = true;
        }
        int copied = Math.min(to - from, room);
        System.arraycopy(chunk, from, line, lineLength, copied);
        lineLength += copied;
    }

    private Line line() {
        lineNumber++;
        return new Line(lineNumber, lineOverLong ? null : new String(line, 0, lineLength, StandardCharsets.UTF_8),
            lineOverLong);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * The whole lines in the last {@code bytes} of the agent's own ledger (no link followed): enough to find the
     * last records without loading a week-long run's ledger into the application's heap.
     */
    static List<String> tail(Path ledger, int bytes) throws IOException {
        try (SeekableByteChannel file = Files.newByteChannel(ledger, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            long start = Math.max(0, file.size() - bytes);
            ByteBuffer buffer = ByteBuffer.allocate((int) (file.size() - start));
            file.position(start);
            int read = 0;
            while (buffer.hasRemaining() && read >= 0) {
                read = file.read(buffer);
            }
            List<String> lines = Arrays.asList(
                new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n", -1));
            // Reading from the middle of the file, the first line is a fragment.
            return start > 0 && !lines.isEmpty() ? lines.subList(1, lines.size()) : lines;
        }
    }
}
