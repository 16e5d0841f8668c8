package org.opencarboneval.agent.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Which process of a distributed job this JVM is, from the variables launchers set. {@code RANK}/{@code WORLD_SIZE}
 * (torchrun-style launchers) come before Open MPI's, PMI's and Slurm's: a launcher run as one Slurm task per node
 * numbers its workers in {@code RANK} while {@code SLURM_PROCID} numbers the nodes. Rank and size are read as a pair
 * from the same launcher. {@code PMIX_RANK} comes with no size: it borrows {@code SLURM_NTASKS} where
 * {@code SLURM_PROCID} is the same rank ({@code srun --mpi=pmix} sets both, and its rank 0 must know it is one of
 * several), and comes before Slurm's pair, which the processes of a PMIx launcher started inside a batch script
 * inherit as {@code SLURM_PROCID=0} every one. Slurm's size is the step's, {@code SLURM_STEP_NUM_TASKS}, which only
 * {@code srun} sets: a batch script's own process also has {@code SLURM_PROCID=0} and the allocation's
 * {@code SLURM_NTASKS}, and a JVM started there directly is the one process of its job, not rank 0 of them all.
 *
 * @param rank      0-based rank in the job; empty when no launcher says (a job of one process)
 * @param worldSize the job's number of processes, when the launcher that gave the rank says
 */
public record JobRank(OptionalInt rank, OptionalInt worldSize) {

    public static final JobRank NONE = new JobRank(OptionalInt.empty(), OptionalInt.empty());

    /**
     * A launcher's variable naming the rank and the one naming the job's size; where {@code sameRank} is set, the
     * size counts only when that variable names the same rank (the size is another launcher's).
     */
    private record Source(String rank, String size, String sameRank) {
        Source(String rank, String size) {
            this(rank, size, null);
        }

        String sizeIn(Map<String, String> environment, String rankText) {
            boolean sizeApplies = sameRank == null || rankText.strip().equals(
                environment.getOrDefault(sameRank, "").strip());
            return sizeApplies ? environment.get(size) : null;
        }
    }

    private static final List<Source> SOURCES = List.of(
        new Source("RANK", "WORLD_SIZE"),
        new Source("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE"),
        new Source("PMI_RANK", "PMI_SIZE"),
        new Source("PMIX_RANK", "SLURM_NTASKS", "SLURM_PROCID"),
        new Source("SLURM_PROCID", "SLURM_STEP_NUM_TASKS"));

    private static JobRank current;

    /**
     * This JVM's rank, read from its environment once; the first call (the agent's start) says on stderr any variable
     * that is not a rank or a size.
     */
    public static synchronized JobRank current() {
        if (current == null) {
            current = from(System.getenv(), problem -> System.err.println(ConsoleReport.PREFIX + problem));
        }
        return current;
    }

    /**
     * The rank the first launcher's variables give; a value that is not a whole number (at least 0 for a rank, 1 for
     * a size) is one line to {@code warnings} and read as unknown, as is a size not above the rank.
     */
    static JobRank from(Map<String, String> environment, Consumer<String> warnings) {
        for (Source source : SOURCES) {
            String rankText = environment.get(source.rank());
            if (rankText == null || rankText.isBlank()) {
                continue;
            }
            OptionalInt rank = number(source.rank(), rankText, 0, warnings);
            if (rank.isEmpty()) {
                return NONE;
            }
            String sizeText = source.sizeIn(environment, rankText);
            OptionalInt size = sizeText == null || sizeText.isBlank() ? OptionalInt.empty()
                : number(source.size(), sizeText, 1, warnings);
            if (size.isPresent() && size.getAsInt() <= rank.getAsInt()) {
                warnings.accept(source.rank() + "=" + rank.getAsInt() + " is not below " + source.size() + "="
                    + size.getAsInt() + ": the job's size is taken as unknown");
                size = OptionalInt.empty();
            }
            return new JobRank(rank, size);
        }
        return NONE;
    }

    /**
     * Whether this is one process of several: the job's size says more than one, or, where no size is given, the
     * rank is above 0. A launcher's single process ({@code SLURM_PROCID=0} of a plain batch job, {@code RANK=0} of
     * {@code WORLD_SIZE=1}) is not.
     */
    public boolean isMultiProcess() {
        return worldSize.isPresent() ? worldSize.getAsInt() > 1 : rank.orElse(0) > 0;
    }

    /** The rank as a label value: the number, or empty when unknown. */
    public String rankLabel() {
        return rank.isPresent() ? Integer.toString(rank.getAsInt()) : "";
    }

    /** The job's size as a label value: the number, or empty when unknown. */
    public String worldSizeLabel() {
        return worldSize.isPresent() ? Integer.toString(worldSize.getAsInt()) : "";
    }

    /** "rank 1 of 4", "rank 1", or empty for a job of one process. */
    public Optional<String> describe() {
        if (rank.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("rank " + rank.getAsInt() + (worldSize.isPresent() ? " of " + worldSize.getAsInt() : ""));
    }

    private static OptionalInt number(String name, String text, int least, Consumer<String> warnings) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= least) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        warnings.accept(name + "='" + text + "' is not a whole number from " + least + " up: "
            + (least == 0 ? "this process's rank" : "the job's size") + " is taken as unknown");
        return OptionalInt.empty();
    }
}
