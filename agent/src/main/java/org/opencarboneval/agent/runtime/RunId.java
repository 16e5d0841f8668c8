package org.opencarboneval.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The run's name: the {@code run_id} setting, else the batch scheduler's job id, else host, pid and JVM start time.
 * Every rank of a job gets the job's id, so that their metrics and ledgers add up to the job's.
 */
final class RunId {

    /** Job id variables of Slurm, PBS/Torque, LSF and Flux, in this order, with the prefix each id gets. */
    private static final List<Map.Entry<String, String>> SCHEDULERS = List.of(Map.entry("SLURM_JOB_ID", "slurm-"),
        Map.entry("PBS_JOBID", "pbs-"), Map.entry("LSB_JOBID", "lsf-"), Map.entry("FLUX_JOB_ID", "flux-"));

    private RunId() {
    }

    static String choose(Optional<String> configured, Map<String, String> environment) {
        if (configured.isPresent()) {
            return configured.get();
        }
        Optional<String> job = jobId(environment);
        if (job.isPresent()) {
            return job.get();
        }
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().orElse(Instant.now()).getEpochSecond();
        return host(environment) + "-" + self.pid() + "-" + started;
    }

    /**
     * One line for a rank of a job of several processes whose run id is its own (no setting, no scheduler's job
     * id): its figures will not add up with the other ranks'.
     */
    static Optional<String> unsharedWarning(Optional<String> configured, Map<String, String> environment,
            JobRank rank, String runId) {
        if (configured.isPresent() || jobId(environment).isPresent() || !rank.isMultiProcess()) {
            return Optional.empty();
        }
        String variables = SCHEDULERS.stream().map(Map.Entry::getKey).collect(Collectors.joining(", "));
        return Optional.of(rank.describe().orElseThrow() + " has no job id (" + variables + ") nor run_id setting, "
            + "so its run_id " + runId + " is its own: give every rank the same run_id to total the job in report "
            + "and in Prometheus");
    }

    private static Optional<String> jobId(Map<String, String> environment) {
        for (Map.Entry<String, String> scheduler : SCHEDULERS) {
            String id = environment.get(scheduler.getKey());
            if (id != null && !id.isBlank()) {
                return Optional.of(scheduler.getValue() + id.strip());
            }
        }
        return Optional.empty();
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
