package org.opencarboneval.nvml;

import java.util.Map;
import java.util.Optional;

/**
 * How to find NVML and what to monitor.
 *
 * @param libraryPath      the {@code nvml.library} setting; empty to use the system's library
 * @param environment      where {@code CUDA_VISIBLE_DEVICES} and {@code NVIDIA_VISIBLE_DEVICES} are read
 * @param monitoredProcess the process whose share of a shared GPU is attributed to the run
 */
public record NvmlOptions(Optional<String> libraryPath, Map<String, String> environment,
        MonitoredProcess monitoredProcess) {

    public NvmlOptions {
        libraryPath = libraryPath == null ? Optional.empty() : libraryPath;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** For a process in the host's PID namespace, known by this pid. */
    public NvmlOptions(Optional<String> libraryPath, Map<String, String> environment, long monitoredPid) {
        this(libraryPath, environment, MonitoredProcess.of(monitoredPid));
    }

    public static NvmlOptions defaults() {
        return new NvmlOptions(Optional.empty(), System.getenv(), MonitoredProcess.current());
    }

    public NvmlOptions withLibraryPath(Optional<String> path) {
        return new NvmlOptions(path, environment, monitoredProcess);
    }
}
