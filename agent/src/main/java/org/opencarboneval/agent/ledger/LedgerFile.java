package org.opencarboneval.agent.ledger;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * What a ledger path may be, and how it is opened. A ledger is a regular file. What a path is, is read from its
 * attributes before it is opened: opening a named pipe blocks until the other end opens it, and a device such as
 * {@code /dev/zero} never ends. The agent follows no symbolic link at the ledger's path (a link planted in a shared
 * directory would point its appends at another file); {@code report} reads through links, as any reading tool does.
 */
final class LedgerFile {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int GZIP_MAGIC_FIRST = 0x1f;
    private static final int GZIP_MAGIC_SECOND = 0x8b;

    private LedgerFile() {
    }

    /** Whether the agent may resume from this path: a regular file that is not a link. */
    static boolean isResumable(Path ledger) {
        return Files.isRegularFile(ledger, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Opens the agent's ledger for appending, creating it if absent; a link, a directory, a pipe or a device is
     * refused, and no link is followed. Its {@code flush} syncs to the disk ({@link DurableFileOutput}).
     */
    static OutputStream openForAppend(Path ledger) throws IOException {
        Optional<String> kind = notARegularFile(ledger, LinkOption.NOFOLLOW_LINKS);
        if (kind.isPresent()) {
            throw new IOException(ledger + " is " + kind.get() + "; the ledger must be a regular file, or a path where"
                + " one can be created (links are not followed)");
        }
        return new DurableFileOutput(FileChannel.open(ledger, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
            LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Whether the file's last line lacks its line break (a kill, a crash or a full disk cut it off), so that the next
     * record must start on a line of its own. A file that cannot be read is assumed cut off: an empty line costs
     * nothing, a record glued onto a fragment is lost.
     */
    static boolean endsInsideALine(Path ledger) throws IOException {
        try (SeekableByteChannel file = Files.newByteChannel(ledger, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            if (file.size() == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            file.position(file.size() - 1).read(last);
            return last.get(0) != '\n';
        } catch (NoSuchFileException absent) {
            return false;
        } catch (AccessDeniedException writeOnly) {
            return Files.size(ledger) > 0;
        }
    }

    /**
     * Opens a ledger for {@code report}, through links; gzip-compressed ledgers (told by their first bytes, whatever
     * their name) are decompressed on the fly. The message of a failure names the path and what is wrong with it.
     */
    static InputStream openForReading(Path ledger) throws IOException {
        if (!Files.exists(ledger)) {
            throw new IOException("cannot read the ledger '" + ledger + "': no such file");
        }
        Optional<String> kind = notARegularFile(ledger);
        if (kind.isPresent()) {
            throw new IOException("the ledger '" + ledger + "' is " + kind.get()
                + "; expected a regular file, the JSON lines the agent writes with ledger=PATH");
        }
        if (!Files.isReadable(ledger)) {
            throw new IOException("cannot read the ledger '" + ledger + "': permission denied");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(ledger), BUFFER_BYTES);
        in.mark(2);
        boolean gzip = in.read() == GZIP_MAGIC_FIRST && in.read() == GZIP_MAGIC_SECOND;
        in.reset();
        return gzip ? new GZIPInputStream(in, BUFFER_BYTES) : in;
    }

    /** Empty for a regular file and for a path where nothing is; else what is there, e.g. "a directory". */
    private static Optional<String> notARegularFile(Path path, LinkOption... options) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, options);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
        if (attributes.isRegularFile()) {
            return Optional.empty();
        }
        return Optional.of(attributes.isDirectory() ? "a directory"
            : attributes.isSymbolicLink() ? "a symbolic link"
            : "a named pipe, socket or device, not a regular file");
    }
}
