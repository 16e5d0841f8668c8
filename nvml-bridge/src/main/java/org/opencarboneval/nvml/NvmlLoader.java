package org.opencarboneval.nvml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sun.jna.Native;

/**
 * Finds libnvidia-ml. Tries the configured path, then "nvidia-ml" (found through {@code jna.library.path} even when
 * only the versioned {@code libnvidia-ml.so.1} is there), then "libnvidia-ml.so.1" (the only name the dynamic linker
 * resolves through {@code LD_LIBRARY_PATH} and the system cache, where driver installs put no unversioned link).
 */
public final class NvmlLoader {

    static final String SYSTEM_NAME = "libnvidia-ml.so.1";

    private NvmlLoader() {
    }

    /** The library, or why none could be loaded; {@code notes} says which configured path failed. */
    public record Outcome(Optional<Nvml> nvml, String failure, List<String> notes) {
    }

    public static Outcome load(Optional<String> configuredPath) {
        List<String> candidates = new ArrayList<>();
        configuredPath.filter(path -> !path.isBlank()).ifPresent(candidates::add);
        candidates.add("nvidia-ml");
        candidates.add(SYSTEM_NAME);
        List<String> notes = new ArrayList<>();
        for (String candidate : candidates) {
            try {
                return new Outcome(Optional.of(new Nvml(Native.load(candidate, NvmlLibrary.class), candidate)), "", notes);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError notLoadable) {
                if (configuredPath.isPresent() && candidate.equals(configuredPath.get())) {
                    notes.add("nvml.library=" + candidate + " not loadable (" + firstLine(notLoadable.getMessage()) + ")");
                }
            }
        }
        String hint = configuredPath.isPresent() ? "" : " (set nvml.library=/path)";
        return new Outcome(Optional.empty(), SYSTEM_NAME + " not found" + hint, notes);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
