package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** One command line for every rank of a job: each gets a ledger and a port of its own. */
class RankPlacementTest {

    private static final JobRank THIRD_OF_EIGHT = new JobRank(OptionalInt.of(3), OptionalInt.of(8));

    private final List<String> lines = new ArrayList<>();

    @Test
    void aRankWithoutRankInTheLedgerPathGetsItsOwnFileAndSaysSo() {
        RankPlacement placement = RankPlacement.of(THIRD_OF_EIGHT, Map.of(), "job-9", lines::add);

        assertEquals(Path.of("runs/job.rank3.jsonl"), placement.ledger(Path.of("runs/job.jsonl"), lines::add));
        assertEquals(List.of("rank 3 of 8 writes its own ledger runs/job.rank3.jsonl (the ledger path names no {rank};"
            + " ranks sharing one file would mix their records)"), lines);
        assertEquals(Path.of("/data/v1.2/job.rank3.jsonl.gz"),
            placement.ledger(Path.of("/data/v1.2/job.jsonl.gz"), lines::add), "a directory's dot is not the name's");
        assertEquals(Path.of("ledger.rank3"), placement.ledger(Path.of("ledger"), lines::add));
        assertEquals(Path.of(".ledger.rank3"), placement.ledger(Path.of(".ledger"), lines::add));
        assertEquals(Path.of(".ledger.rank3.jsonl"), placement.ledger(Path.of(".ledger.jsonl"), lines::add));
        RankPlacement dotted = RankPlacement.of(THIRD_OF_EIGHT, Map.of(), "pbs-1234.srv.org", lines::add);
        assertEquals(Path.of("runs/pbs-1234.srv.org.rank3.jsonl"),
            dotted.ledger(Path.of("runs/{run_id}.jsonl"), lines::add), "the run id's dots are not the extension");
    }

    /** A batch job's one process (SLURM_PROCID=0), or torchrun's single worker, keeps the ledger as given. */
    @Test
    void theOnlyProcessOfAJobKeepsItsLedger() {
        for (JobRank only : List.of(new JobRank(OptionalInt.of(0), OptionalInt.of(1)),
                new JobRank(OptionalInt.of(0), OptionalInt.empty()))) {
            RankPlacement placement = RankPlacement.of(only, Map.of("SLURM_LOCALID", "0"), "job", lines::add);
            assertEquals(Path.of("run.jsonl"), placement.ledger(Path.of("run.jsonl"), lines::add));
            assertEquals(9464, placement.port(9464));
        }
        assertEquals(List.of(), lines);
        RankPlacement second = RankPlacement.of(new JobRank(OptionalInt.of(1), OptionalInt.empty()), Map.of(),
            "job", lines::add);
        assertEquals(Path.of("run.rank1.jsonl"), second.ledger(Path.of("run.jsonl"), lines::add),
            "rank 1 of a job of unknown size is one of several");
    }

    @Test
    void theRankAndRunIdFillTheirPlaceholders() {
        RankPlacement placement = RankPlacement.of(THIRD_OF_EIGHT, Map.of(), "job-9", lines::add);

        assertEquals(Path.of("runs/job-9/rank-3.jsonl"),
            placement.ledger(Path.of("runs/{run_id}/rank-{rank}.jsonl"), lines::add));
        assertEquals(List.of(), lines, "the user placed it: nothing to say");
    }

    @Test
    void aProcessOnItsOwnKeepsItsLedgerAndPort() {
        RankPlacement alone = RankPlacement.of(JobRank.NONE, Map.of("LOCAL_RANK", "5"), "solo", lines::add);

        assertEquals(Path.of("run.jsonl"), alone.ledger(Path.of("run.jsonl"), lines::add));
        assertEquals(Path.of("solo-0.jsonl"), alone.ledger(Path.of("{run_id}-{rank}.jsonl"), lines::add));
        assertEquals(9464, alone.port(9464));
        assertEquals(List.of(), lines);
    }

    @Test
    void thePortIsOffsetByTheFirstLocalRankALauncherGives() {
        assertEquals(9466, RankPlacement.of(THIRD_OF_EIGHT, Map.of("LOCAL_RANK", "2", "SLURM_LOCALID", "0"), "j",
            lines::add).port(9464));
        assertEquals(9467, RankPlacement.of(THIRD_OF_EIGHT, Map.of("OMPI_COMM_WORLD_LOCAL_RANK", "3"), "j",
            lines::add).port(9464));
        assertEquals(9465, RankPlacement.of(THIRD_OF_EIGHT, Map.of("MPI_LOCALRANKID", "1"), "j", lines::add)
            .port(9464));
        assertEquals(9464, RankPlacement.of(THIRD_OF_EIGHT, Map.of(), "j", lines::add).port(9464),
            "no local rank: as given");
        assertEquals(0, RankPlacement.of(THIRD_OF_EIGHT, Map.of("SLURM_LOCALID", "3"), "j", lines::add).port(0),
            "a free port stays a free port");
        assertEquals(List.of(), lines);

        assertEquals(9464, RankPlacement.of(THIRD_OF_EIGHT, Map.of("LOCAL_RANK", "two"), "j", lines::add)
            .port(9464));
        assertEquals(List.of("LOCAL_RANK='two' is not a whole number from 0 up: the metrics port is not offset by "
            + "this rank's place on its node"), lines);
    }
}
