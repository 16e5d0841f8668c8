package org.opencarboneval.agent.boot;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Whether a directory's mount lets code be mapped executable, from {@code /proc/self/mountinfo} (Linux only): JNA's
 * native stub cannot load from a {@code noexec} mount, which hardened hosts use for {@code /tmp}. Anything that cannot
 * be read or parsed counts as allowed, so elsewhere (macOS) nothing changes.
 */
final class MountInfo {

    private static final String MOUNTINFO = "/proc/self/mountinfo";

    private MountInfo() {
    }

    static boolean allowsExec(Path directory) {
        // java.io and one decode of the bytes: NIO channels or a Reader would load classes worth milliseconds
        try (InputStream mountinfo = new FileInputStream(MOUNTINFO)) {
            return allowsExec(directory.toRealPath(), new String(mountinfo.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException unknown) {
            return true;
        }
    }

    /**
     * False when the mount holding {@code realPath} (the longest mount point that contains it; the later line when a
     * point is mounted over) has {@code noexec} among its per-mount options, the sixth field of a mountinfo line.
     */
    static boolean allowsExec(Path realPath, String mountinfo) {
        int longest = -1;
        boolean allowed = true;
        for (String line : mountinfo.split("\n")) {
            String[] fields = line.split(" ");
            if (fields.length < 6) {
                continue;
            }
            Path point = Path.of(unescape(fields[4]));
            if (realPath.startsWith(point) && point.getNameCount() >= longest) {
                longest = point.getNameCount();
                allowed = !hasOption(fields[5], "noexec");
            }
        }
        return allowed;
    }

    private static boolean hasOption(String options, String option) {
        for (String each : options.split(",")) {
            if (each.equals(option)) {
                return true;
            }
        }
        return false;
    }

    /** The kernel writes space, tab, newline and backslash in a mount point as three octal digits, e.g. {@code \040}. */
    static String unescape(String field) {
        StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && isOctal(field.charAt(i + 1)) && isOctal(field.charAt(i + 2))
                && isOctal(field.charAt(i + 3))) {
                text.append((char) Integer.parseInt(field, i + 1, i + 4, 8));
                i += 3;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }
}
