package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs mounted for one test, so that a full disk or a read-only directory is the real thing: as root, file modes
 * stop no write. Mounting needs root (or CAP_SYS_ADMIN); where it is refused the test is skipped, saying why.
 */
final class TinyDisk implements AutoCloseable {

    private final Path directory;

    private TinyDisk(Path directory) {
        this.directory = directory;
    }

    /** Mounts a tmpfs with {@code options} (e.g. {@code size=64k}, {@code ro}) on a fresh directory of that name. */
    static TinyDisk mount(String name, String options) throws IOException, InterruptedException {
        Path directory = Files.createDirectories(TrainingJvm.workFile(name));
        run("umount", directory.toString()); // left mounted by an interrupted earlier run, or not mounted at all
        String refusal = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", directory.toString());
        assumeTrue(refusal == null, "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): " + refusal);
        return new TinyDisk(directory);
    }

    Path directory() {
        return directory;
    }

    /** Fills the disk until only {@code freeBytes} remain (tmpfs counts whole 4 KiB pages). */
    void fillLeaving(long freeBytes) throws IOException {
        long free = Files.getFileStore(directory).getUsableSpace();
        Files.write(directory.resolve("filler"), new byte[Math.toIntExact(free - freeBytes)]);
    }

    /** Frees what {@link #fillLeaving} took. */
    void free() throws IOException {
        Files.delete(directory.resolve("filler"));
    }

    @Override
    public void close() throws IOException {
        try {
            String failure = run("umount", directory.toString());
            if (failure != null) {
                throw new IOException("cannot unmount " + directory + ": " + failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unmounting " + directory, e);
        }
    }

    /** Runs a command; returns null when it succeeded, else its output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return notInstalled.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timed out";
        }
        return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
    }
}
