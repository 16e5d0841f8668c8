package org.opencarboneval.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The outer agent jar and the jar nested in it: {@code core.jar}, the agent with all its libraries, unrelocated, for
 * the isolated loader. (The outer jar's top level holds only the bootstrap and hook classes.)
 *
 * <p>The nested jar is extracted once per content into a private cache directory and reused: extracting 12 MB on every
 * JVM start would cost tens of milliseconds of the application's start-up.
 */
final class AgentJar {

    static final String NESTED = "META-INF/opencarboneval/";

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

    /** The nested jar {@code name}, as a file on disk. */
    Path extract(String name) throws IOException {
        try (JarFile jar = new JarFile(location.toFile())) {
            JarEntry entry = jar.getJarEntry(NESTED + name);
            if (entry == null) {
                throw new IOException(location + " has no " + NESTED + name + "; is this the packaged agent jar?");
            }
            Path target = cacheDirectory(entry).resolve(name);
            if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
                return target;
            }
            Path partial = Files.createTempFile(target.getParent(), name, ".part");
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            // Another JVM may extract the same content at the same time; the rename makes either copy whole.
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
    }

    /** A directory only this user can write, named after the entry's content so a new agent build never reuses it. */
    private static Path cacheDirectory(JarEntry entry) throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "opencarboneval-" + System.getProperty("user.name"));
        Path directory = base.resolve(Long.toHexString(entry.getCrc()) + "-" + Long.toHexString(entry.getSize()));
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
