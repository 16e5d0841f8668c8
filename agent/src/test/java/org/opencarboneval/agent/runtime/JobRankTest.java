package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** The rank and size launchers give, and the run id every rank of a job shares. */
class JobRankTest {

    private final List<String> warnings = new ArrayList<>();

    private JobRank rank(Map<String, String> environment) {
        return JobRank.from(environment, warnings::add);
    }

    private static JobRank of(int rank, int size) {
        return new JobRank(OptionalInt.of(rank), OptionalInt.of(size));
    }

    @Test
    void eachLauncherGivesRankAndSize() {
        assertEquals(of(1, 2), rank(Map.of("RANK", "1", "WORLD_SIZE", "2")));
        assertEquals(of(3, 8), rank(Map.of("OMPI_COMM_WORLD_RANK", "3", "OMPI_COMM_WORLD_SIZE", "8")));
        assertEquals(of(0, 4), rank(Map.of("PMI_RANK", "0", "PMI_SIZE", "4")));
        assertEquals(of(5, 6), rank(Map.of("SLURM_PROCID", "5", "SLURM_STEP_NUM_TASKS", "6", "SLURM_NTASKS", "6")));
        assertEquals(new JobRank(OptionalInt.of(2), OptionalInt.empty()), rank(Map.of("PMIX_RANK", "2")));
        JobRank pmixUnderSrun = rank(Map.of("PMIX_RANK", "0", "SLURM_PROCID", "0", "SLURM_NTASKS", "4"));
        assertEquals(of(0, 4), pmixUnderSrun, "srun --mpi=pmix: Slurm's count of the same ranks gives the size");
        assertTrue(pmixUnderSrun.isMultiProcess());
        assertEquals(new JobRank(OptionalInt.of(3), OptionalInt.empty()),
            rank(Map.of("PMIX_RANK", "3", "SLURM_PROCID", "0", "SLURM_NTASKS", "4")),
            "a PMIx launcher inside a batch script: its ranks inherit the batch step's SLURM_PROCID=0");
        assertEquals(JobRank.NONE, rank(Map.of("HOME", "/root")));
        assertEquals(List.of(), warnings);
    }

    /** {@code sbatch --ntasks=4} running {@code java} itself: the batch step's process, not rank 0 of 4. */
    @Test
    void aJvmStartedByABatchScriptItselfIsNotOneOfTheAllocationsTasks() {
        JobRank batch = rank(Map.of("SLURM_PROCID", "0", "SLURM_NTASKS", "4", "SLURM_JOB_ID", "81"));
        assertEquals(new JobRank(OptionalInt.of(0), OptionalInt.empty()), batch);
        assertFalse(batch.isMultiProcess());
        assertTrue(rank(Map.of("SLURM_PROCID", "0", "SLURM_NTASKS", "4", "SLURM_STEP_NUM_TASKS", "4"))
            .isMultiProcess(), "srun's task 0 of 4");
    }

    @Test
    void aWorkerRankOfALauncherInsideASlurmTaskWinsOverTheTasksNumber() {
        // one Slurm task per node, each starting 4 workers: SLURM_PROCID numbers nodes, RANK the workers
        assertEquals(of(6, 8), rank(Map.of("SLURM_PROCID", "1", "SLURM_STEP_NUM_TASKS", "2", "RANK", "6",
            "WORLD_SIZE", "8")));
    }

    @Test
    void sizeComesFromTheSameLauncherAsTheRank() {
        assertEquals(new JobRank(OptionalInt.of(1), OptionalInt.empty()),
            rank(Map.of("RANK", "1", "SLURM_NTASKS", "16")));
    }

    @Test
    void badValuesAreSaidOnceAndReadAsUnknown() {
        assertEquals(JobRank.NONE, rank(Map.of("RANK", "one", "WORLD_SIZE", "2")));
        assertEquals(new JobRank(OptionalInt.of(1), OptionalInt.empty()), rank(Map.of("RANK", "1", "WORLD_SIZE", "0")));
        assertEquals(new JobRank(OptionalInt.of(2), OptionalInt.empty()), rank(Map.of("RANK", "2", "WORLD_SIZE", "2")));
        assertEquals(JobRank.NONE, rank(Map.of("SLURM_PROCID", "-1")));
        assertEquals(List.of(
            "RANK='one' is not a whole number from 0 up: this process's rank is taken as unknown",
            "WORLD_SIZE='0' is not a whole number from 1 up: the job's size is taken as unknown",
            "RANK=2 is not below WORLD_SIZE=2: the job's size is taken as unknown",
            "SLURM_PROCID='-1' is not a whole number from 0 up: this process's rank is taken as unknown"), warnings);
    }

    @Test
    void labelsAndDescription() {
        assertEquals("1", of(1, 2).rankLabel());
        assertEquals("2", of(1, 2).worldSizeLabel());
        assertEquals("", JobRank.NONE.rankLabel());
        assertEquals(Optional.of("rank 1 of 2"), of(1, 2).describe());
        assertEquals(Optional.empty(), JobRank.NONE.describe());
    }

    @Test
    void everyRankOfAScheduledJobSharesItsId() {
        assertEquals("slurm-4242", RunId.choose(Optional.empty(), Map.of("SLURM_JOB_ID", "4242", "RANK", "1")));
        assertEquals("pbs-77.server", RunId.choose(Optional.empty(), Map.of("PBS_JOBID", "77.server")));
        assertEquals("lsf-9", RunId.choose(Optional.empty(), Map.of("LSB_JOBID", "9")));
        assertEquals("flux-f2x", RunId.choose(Optional.empty(), Map.of("FLUX_JOB_ID", "f2x")));
        assertEquals("exp-42", RunId.choose(Optional.of("exp-42"), Map.of("SLURM_JOB_ID", "4242")));
        assertTrue(RunId.choose(Optional.empty(), Map.of("HOSTNAME", "node7")).startsWith("node7-"
            + ProcessHandle.current().pid() + "-"));
    }

    @Test
    void aRankWithARunIdOfItsOwnIsToldSo() {
        Map<String, String> torchrunLike = Map.of("RANK", "1", "WORLD_SIZE", "2");
        assertEquals(Optional.of("rank 1 of 2 has no job id (SLURM_JOB_ID, PBS_JOBID, LSB_JOBID, FLUX_JOB_ID) nor "
            + "run_id setting, so its run_id node7-1-2 is its own: give every rank the same run_id to total the job in "
            + "report and in Prometheus"),
            RunId.unsharedWarning(Optional.empty(), torchrunLike, of(1, 2), "node7-1-2"));
        assertEquals(Optional.empty(), RunId.unsharedWarning(Optional.of("exp"), torchrunLike, of(1, 2), "exp"));
        assertEquals(Optional.empty(), RunId.unsharedWarning(Optional.empty(), Map.of("SLURM_JOB_ID", "1"),
            of(1, 2), "slurm-1"));
        assertEquals(Optional.empty(), RunId.unsharedWarning(Optional.empty(), Map.of(), JobRank.NONE, "x"));
    }
}
