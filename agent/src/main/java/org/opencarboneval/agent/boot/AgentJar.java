package org.opencarboneval.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The outer agent jar and the jar nested in it: {@code core.jar}, the agent with all its libraries, unrelocated, for
 * the isolated loader. (The outer jar's top level holds only the bootstrap and hook classes.)
 *
 * <p>The nested jar is extracted once per content into a private cache directory and reused: extracting 9 MB on every
 * JVM start would cost tens of milliseconds of the application's start-up. Copies of other builds unused for a week are
 * deleted when a new build is extracted.
 */
final class AgentJar {

    static final String NESTED = "META-INF/opencarboneval/";
    private static final Duration STALE_AFTER = Duration.ofDays(7);

    private final Path location;

    private AgentJar(Path location) {
        this.location = location;
    }

    static AgentJar containing(Class<?> type) throws URISyntaxException {
        URL url = type.getProtectionDomain().getCodeSource().getLocation();
        return new AgentJar(Path.of(url.toURI()));
    }

    Path location() {
        return location;
    }

    /**
     * The nested jar {@code name}, as a file on disk: in {@code java.io.tmpdir}, else (read-only, full, not a
     * directory, or mounted {@code noexec}) in the user's cache directory. Unless the user set {@code jna.tmpdir}, the
     * directory used is also where JNA unpacks its native stub, which must be mapped executable (the jar need not).
     */
    Path extract(String name) throws IOException {
        try (JarFile jar = new JarFile(location.toFile())) {
            JarEntry entry = jar.getJarEntry(NESTED + name);
            if (entry == null) {
                throw new IOException(location + " has no " + NESTED + name + "; is this the packaged agent jar?");
            }
            boolean placesJna = System.getProperty("jna.tmpdir") == null;
            Path extracted = extractToTmpOrCache(jar, entry, name, placesJna);
            if (placesJna) {
                System.setProperty("jna.tmpdir", extracted.getParent().toString());
            }
            return extracted;
        }
    }

    private static Path extractToTmpOrCache(JarFile jar, JarEntry entry, String name, boolean needsExec)
        throws IOException {
        IOException tmpFailure;
        try {
            return extract(jar, entry, name, Path.of(System.getProperty("java.io.tmpdir")), needsExec);
        } catch (IOException e) {
            tmpFailure = e;
        }
        Path cache = userCache();
        try {
            return extract(jar, entry, name, cache, needsExec);
        } catch (IOException e) {
            e.addSuppressed(tmpFailure);
            throw new IOException("no writable directory for the agent's libraries: java.io.tmpdir ("
                + tmpFailure.getMessage() + ") nor " + cache + " (" + e.getMessage() + ")", e);
        }
    }

    private static Path extract(JarFile jar, JarEntry entry, String name, Path root, boolean needsExec)
        throws IOException {
        Path directory = cacheDirectory(root, entry);
        if (needsExec && !MountInfo.allowsExec(directory)) {
            throw new IOException(directory + " is on a noexec mount, where JNA's native stub cannot load"
                + " (jna.tmpdir may name another directory)");
        }
        Path target = directory.resolve(name);
        if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
            Files.setLastModifiedTime(directory, FileTime.from(Instant.now())); // in use: not stale
            return target;
        }
        Path partial = Files.createTempFile(directory, name, ".part");
        try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        // Another JVM may extract the same content at the same time; the rename makes either copy whole.
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        removeStale(directory);
        return target;
    }

    /**
     * Deletes the copies other agent builds left that no JVM has started from for a week: each build's copy is kept
     * while it is used (a JVM running it has its file open, which the deletion would not disturb on Linux anyway).
     */
    private static void removeStale(Path current) {
        Instant stale = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> builds = Files.newDirectoryStream(current.getParent())) {
            for (Path build : builds) {
                if (!build.equals(current) && Files.getLastModifiedTime(build).toInstant().isBefore(stale)) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(build)) {
                        for (Path file : files) {
                            Files.deleteIfExists(file);
                        }
                    }
                    Files.deleteIfExists(build);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: an old copy left behind costs disk space, never the start
        }
    }

    private static Path userCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base;
    }

    /** A directory only this user can write, named after the entry's content so a new agent build never reuses it. */
    private static Path cacheDirectory(Path root, JarEntry entry) throws IOException {
        Path base = root.resolve("opencarboneval-" + System.getProperty("user.name"));
        Path directory = base.resolve(Long.toHexString(entry.getCrc()) + "-" + Long.toHexString(entry.getSize()));
        Files.createDirectories(root);
        createPrivate(base);
        createPrivate(directory);
        String owner = Files.getOwner(base).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw new IOException(base + " belongs to " + owner + ", not to this user; refusing to load code from it");
        }
        return directory;
    }

    private static void createPrivate(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectory(directory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException raced) {
            // created by another JVM in the meantime
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(directory);
        }
    }
}
