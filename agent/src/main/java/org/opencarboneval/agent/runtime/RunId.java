package org.opencarboneval.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The run's name: the {@code run_id} setting, else the Slurm job id, else host, pid and JVM start time. */
final class RunId {

    private RunId() {
    }

    static String choose(Optional<String> configured, Map<String, String> environment) {
        if (configured.isPresent()) {
            return configured.get();
        }
        String slurmJob = environment.get("SLURM_JOB_ID");
        if (slurmJob != null && !slurmJob.isBlank()) {
            return "slurm-" + slurmJob.strip();
        }
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().orElse(Instant.now()).getEpochSecond();
        return host(environment) + "-" + self.pid() + "-" + started;
    }

    /** The host name without a DNS lookup, which can take seconds on a misconfigured node. */
    private static String host(Map<String, String> environment) {
        String fromEnvironment = environment.get("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
