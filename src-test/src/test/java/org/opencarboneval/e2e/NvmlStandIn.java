package org.opencarboneval.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The NVML stand-in ({@code nvml-bridge/src/test/c/fake_nvml.c}) built for a training JVM: two H100s at a steady
 * 250 W and 150 W without energy counters (so the agent integrates power and GPU energy grows with time), loaded
 * through the agent's own {@code nvml.library} setting; with no process on them, or the processes a test lists.
 */
final class NvmlStandIn {

    private static final Path SOURCE = TrainingJvm.EXAMPLES.resolve("../nvml-bridge/src/test/c/fake_nvml.c")
        .normalize();
    private static final List<String> TWO_GPUS = List.of(
        "gpus 2",
        "gpu 0 name NVIDIA H100 80GB HBM3", "gpu 0 uuid GPU-00000000-1111-2222-3333-444444444444",
        "gpu 0 power 250000", "gpu 0 energy not_supported", "gpu 0 util 80:40",
        "gpu 0 memory 85899345920:21474836480",
        "gpu 1 name NVIDIA H100 80GB HBM3", "gpu 1 uuid GPU-55555555-6666-7777-8888-999999999999",
        "gpu 1 power 150000", "gpu 1 energy not_supported", "gpu 1 util 30:10",
        "gpu 1 memory 85899345920:10737418240");

    /** Built once per test JVM, from the current source: a library left from an earlier build may be stale. */
    private static boolean built;

    private final Path library;
    private final Path script;

    private NvmlStandIn(Path library, Path script) {
        this.library = library;
        this.script = script;
    }

    static NvmlStandIn twoGpus() throws IOException, InterruptedException {
        return twoGpus("two-gpus.txt");
    }

    /** The same, with a script file of its own, which {@link #listProcesses} can rewrite. */
    static NvmlStandIn twoGpus(String scriptName) throws IOException, InterruptedException {
        return build(scriptName, TWO_GPUS);
    }

    /**
     * From the next {@code nvmlInit} on, GPU {@code i} runs process {@code pids[i]}, holding 2 GiB, as NVML lists a
     * node's processes without {@code CUDA_VISIBLE_DEVICES}; a GPU past the pids given runs none.
     */
    void listProcesses(long... pids) throws IOException {
        List<String> lines = new ArrayList<>(TWO_GPUS);
        for (int gpu = 0; gpu < pids.length; gpu++) {
            lines.add("gpu " + gpu + " processes " + pids[gpu] + ":2048");
        }
        Files.write(script, lines);
    }

    private static synchronized NvmlStandIn build(String scriptName, List<String> script)
            throws IOException, InterruptedException {
        Path gcc = HostTool.required("gcc", "gcc");
        Path directory = Files.createDirectories(TrainingJvm.WORK.resolve("fake-nvml"));
        Path library = directory.resolve("libnvidia-ml.so.1");
        if (!built) {
            Process build = new ProcessBuilder(gcc.toString(), "-shared", "-fPIC", "-O2", "-Wall", "-Werror",
                "-Wl,-soname,libnvidia-ml.so.1", "-o", library.toString(), SOURCE.toString())
                .redirectErrorStream(true).start();
            String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!build.waitFor(60, TimeUnit.SECONDS) || build.exitValue() != 0) {
                throw new AssertionError("cannot build the NVML stand-in from " + SOURCE + ":\n" + output);
            }
            built = true;
        }
        return new NvmlStandIn(library, Files.write(directory.resolve(scriptName), script));
    }

    /** The agent argument that loads it. */
    String agentArgument() {
        return "nvml.library=" + library;
    }

    /** The variable naming its script, for the training JVM's environment. */
    Map<String, String> environment() {
        return Map.of("FAKE_NVML_SCRIPT", script.toString());
    }
}
