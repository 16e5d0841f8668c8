package org.opencarboneval.agent.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Who this process is to the file system: the name its files carry and, where the JVM can tell (the owner of Linux's
 * {@code /proc/self}), its numeric uid. A container run as a uid with no passwd entry (OpenShift's, or Kubernetes'
 * {@code runAsUser}) has the user name "?" in Java while its files are owned by the number, so owners are compared by
 * uid wherever both are known.
 */
record ProcessUser(String name, OptionalInt uid) {

    private static final Path PROCESS = Path.of("/proc/self");

    static ProcessUser current() {
        return named(System.getProperty("user.name", ""), uidOf(PROCESS));
    }

    /** A user name the JDK could not look up ("?", or none) gives way to the uid, else to "user". */
    static ProcessUser named(String userName, OptionalInt uid) {
        boolean looked = !userName.isBlank() && !userName.equals("?");
        return new ProcessUser(looked ? userName : uid.isPresent() ? "uid" + uid.getAsInt() : "user", uid);
    }

    /** Whether {@code file} (not followed if a link) is this user's. */
    boolean owns(Path file) throws IOException {
        OptionalInt owner = uidOf(file, LinkOption.NOFOLLOW_LINKS);
        return uid.isPresent() && owner.isPresent() ? owner.getAsInt() == uid.getAsInt()
            : ownerName(file).equals(name);
    }

    static String ownerName(Path file) throws IOException {
        return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
    }

    private static OptionalInt uidOf(Path path, LinkOption... options) {
        try {
            return Files.getAttribute(path, "unix:uid", options) instanceof Integer uid ? OptionalInt.of(uid)
                : OptionalInt.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return OptionalInt.empty(); // no unix view here (or no /proc): owners are compared by name
        }
    }
}
