package org.opencarboneval.agent.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Where a process of a distributed job puts what is its own, so that one command line serves every rank:
 * <ul>
 *   <li>its ledger: {@code {rank}} and {@code {run_id}} in the path are filled in, and a path without {@code {rank}}
 *       gets {@code .rank<N>} before its extension, since ranks appending to one file would mix their records and
 *       each resume the others' counts after a restart;</li>
 *   <li>its metrics port: the given port plus the rank's index on its node, so that a node's ranks listen side by
 *       side (9464 to 9471 for eight) where the first rank's port alone would refuse the other seven.</li>
 * </ul>
 * A process that is no rank of a job keeps both as given ({@code {rank}} reads 0).
 */
final class RankPlacement {

    /** The node-local rank, as torchrun, Open MPI, MPICH and Intel MPI (Hydra), and Slurm set it, in that order. */
    private static final List<String> LOCAL_RANK = List.of("LOCAL_RANK", "OMPI_COMM_WORLD_LOCAL_RANK",
        "MPI_LOCALRANKID", "SLURM_LOCALID");

    private final JobRank rank;
    private final OptionalInt localRank;
    private final String runId;

    private RankPlacement(JobRank rank, OptionalInt localRank, String runId) {
        this.rank = rank;
        this.localRank = localRank;
        this.runId = runId;
    }

    /**
     * The placement of a process of this rank in this environment; a local rank that is not a whole number from 0 up
     * is one line and read as none.
     */
    static RankPlacement of(JobRank rank, Map<String, String> environment, String runId, Consumer<String> warnings) {
        return new RankPlacement(rank, rank.isMultiProcess() ? localRank(environment, warnings)
            : OptionalInt.empty(), runId);
    }

    /** The ledger this process writes, for the path given; says in one line when it added the rank itself. */
    Path ledger(Path given, Consumer<String> notes) {
        boolean placed = given.toString().contains("{rank}");
        Path path = placed || !rank.isMultiProcess() ? given : withRank(given, rank.rank().orElse(0));
        Path own = Path.of(path.toString().replace("{rank}", Integer.toString(rank.rank().orElse(0)))
            .replace("{run_id}", runId));
        if (!path.equals(given)) {
            notes.accept(rank.describe().orElseThrow() + " writes its own ledger " + own + " (the ledger path names "
                + "no {rank}; ranks sharing one file would mix their records)");
        }
        return own;
    }

    /** The port this process serves its metrics on: 0 (any free port) stays 0. */
    int port(int given) {
        return given == 0 || localRank.isEmpty() ? given : given + localRank.getAsInt();
    }

    /**
     * {@code run.jsonl} becomes {@code run.rank3.jsonl}, {@code .run.jsonl.gz} {@code .run.rank3.jsonl.gz}; a name
     * without an extension gets {@code .rank3} appended. The extension is found in the name as given, so a run id
     * with dots filled in later cannot move it.
     */
    private static Path withRank(Path path, int rank) {
        String name = path.getFileName().toString();
        int dot = name.indexOf('.', 1);
        String ranked = dot < 0 ? name + ".rank" + rank : name.substring(0, dot) + ".rank" + rank + name.substring(dot);
        return path.resolveSibling(ranked);
    }

    private static OptionalInt localRank(Map<String, String> environment, Consumer<String> warnings) {
        for (String variable : LOCAL_RANK) {
            String text = environment.get(variable);
            if (text == null || text.isBlank()) {
                continue;
            }
            try {
                int value = Integer.parseInt(text.strip());
                if (value >= 0) {
                    return OptionalInt.of(value);
                }
            } catch (NumberFormatException notANumber) {
                // said below
            }
            warnings.accept(variable + "='" + text + "' is not a whole number from 0 up: the metrics port is not "
                + "offset by this rank's place on its node");
            return OptionalInt.empty();
        }
        return OptionalInt.empty();
    }
}
