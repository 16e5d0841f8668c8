package org.opencarboneval.benchmarks.nvml;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The NVML stand-in ({@code nvml-bridge/src/test/c/fake_nvml.c}, built into {@code benchmarks/target/fake-nvml} by
 * this module's build) scripted as a busy multi-GPU box: H100s with energy counters or without (then the bridge
 * integrates power), optionally each shared by the monitored process and another one, so process attribution runs.
 */
public final class StandInGpus {

    /** The stand-in reads its script from this variable at every {@code nvmlInit}. */
    public static final String SCRIPT_VARIABLE = "FAKE_NVML_SCRIPT";

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private StandInGpus() {
    }

    /** The library beside this module's classes or jar: both live in {@code benchmarks/target}. */
    public static Path library() {
        try {
            Path classes = Path.of(StandInGpus.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.resolveSibling("fake-nvml").resolve("libnvidia-ml.so.1");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the script for {@code count} GPUs; with {@code sharedBy}, each GPU is shared by that process and another
     * one. Returns its path.
     */
    public static Path writeScript(Path directory, int count, boolean energyCounter, OptionalLong sharedBy)
            throws IOException {
        List<String> lines = new ArrayList<>(List.of("gpus " + count));
        for (int gpu = 0; gpu < count; gpu++) {
            String prefix = "gpu " + gpu + " ";
            lines.add(prefix + "name NVIDIA H100 80GB HBM3");
            lines.add(prefix + "uuid GPU-" + String.format("%08d", gpu) + "-1111-2222-3333-444444444444");
            lines.add(prefix + "power " + (300_000 + gpu * 10_000));
            if (!energyCounter) {
                lines.add(prefix + "energy not_supported");
            }
            lines.add(prefix + "util 85:40");
            lines.add(prefix + "memory 85899345920:42949672960");
            if (sharedBy.isPresent()) {
                lines.add(prefix + "processes " + sharedBy.getAsLong() + ":30720,4242:10240");
                lines.add(prefix + "process_util " + sharedBy.getAsLong() + ":70,4242:15");
            }
        }
        return Files.write(Files.createDirectories(directory).resolve("gpus-" + count + ".txt"), lines);
    }

    /** Points the stand-in loaded into this JVM at the script (the variable must be set in the process itself). */
    public static void useInThisProcess(Path script) {
        Native.load("c", LibC.class).setenv(SCRIPT_VARIABLE, script.toString(), 1);
    }
}
