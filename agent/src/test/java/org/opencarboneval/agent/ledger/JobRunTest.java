package org.opencarboneval.agent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.runtime.Components;
import org.opencarboneval.calibration.forecast.Backtest;
import org.opencarboneval.calibration.forecast.ProgressPoint;

/** A job from its ranks' ledgers: totals, the merged course, and what is refused. */
class JobRunTest {

    @TempDir
    Path dir;

    private LedgerRun rank(String name, String runId, int rank, int worldSize, int stepsPerSecond, double gpuWatts)
            throws IOException {
        return LedgerRun.read(RankLedgers.write(dir.resolve(name), runId, rank, worldSize, stepsPerSecond, gpuWatts,
            10), Optional.empty());
    }

    @Test
    void theJobsTotalsAreTheRanksSums() throws IOException {
        JobRun job = JobRun.of(List.of(rank("r0.jsonl", "slurm-7", 0, 2, 10, 300),
            rank("r1.jsonl", "slurm-7", 1, 2, 10, 150)), false);

        assertEquals(2000, job.steps());
        assertEquals(new Components(45_000, 2_000, 0), job.energyJoules());
        assertEquals(47_000 / 3.6e6 * 1.2 * 400, job.co2eGrams(), 1e-5, "the ledgers' 6 decimals");
        assertEquals(202, job.sampleCount());
        assertEquals(new ProgressPoint(100, 2000, 47_000, 10), job.end());
        assertEquals(Optional.empty(), job.missingRanks());
    }

    /** At every point of the job's course each rank is at the same share of its work, and the job is their sum. */
    @Test
    void theCourseSumsTheRanksAtEachProgressPoint() throws IOException {
        // rank 1 is twice as fast: at each share of progress it has done twice the steps in half the time
        JobRun job = JobRun.of(List.of(rank("r0.jsonl", "job", 0, 2, 10, 300), rank("r1.jsonl", "job", 1, 2, 20, 150)),
            false);
        List<ProgressPoint> course = new ArrayList<>();
        job.forEachPoint(course::add);

        assertEquals(201, course.size(), "one point per sample once both ranks began: " + course.size());
        for (int i = 1; i < course.size(); i++) {
            assertTrue(course.get(i).work() >= course.get(i - 1).work(), "work never goes back");
            assertTrue(course.get(i).energyJoules() >= course.get(i - 1).energyJoules(), "nor energy");
        }
        ProgressPoint half = course.stream().filter(p -> p.work() == 1500).findFirst().orElseThrow();
        // both at 50 s of 100: 500 + 1000 steps, (300 + 10) x 50 + (150 + 10) x 50 J
        assertEquals(new ProgressPoint(50, 1500, 23_500, 5), half);
        assertEquals(job.end(), course.get(course.size() - 1));
    }

    /**
     * Both ranks restored from a checkpoint 100 steps back at 60 s (DL4J models restored behind the ledger): the
     * job's course still only goes forward, and counts the steps done again.
     */
    @Test
    void ranksRestoredFromACheckpointGoOnForward() throws IOException {
        List<LedgerRun> ranks = List.of(restoredRank(0, false), restoredRank(1, false));
        JobRun job = JobRun.of(ranks, false);
        List<ProgressPoint> course = new ArrayList<>();
        job.forEachPoint(course::add);

        assertEquals(90, redone(ranks.get(0)), "600 at 60 s, 510 at 61 s: the samples see 90 of the 100");
        for (int i = 1; i < course.size(); i++) {
            assertTrue(course.get(i).work() >= course.get(i - 1).work(), "work never goes back: " + course.get(i));
            assertTrue(course.get(i).deviceSeconds() >= course.get(i - 1).deviceSeconds(), "nor time");
        }
        assertEquals(new ProgressPoint(100, 1980, 62_000, 10), job.end(), "900 steps each, and the 90 seen again");
        ProgressPoint at80 = course.stream().filter(p -> p.deviceSeconds() == 80).findFirst().orElseThrow();
        assertEquals(1580, at80.work(), 1e-9, "each rank at 700, plus the 90 seen redone");
    }

    /** Where the agent wrote the steps trained, the steps redone are those, not what the samples saw go back. */
    @Test
    void theStepsTrainedTheLedgerHoldsAreTheRedoneSteps() throws IOException {
        List<LedgerRun> ranks = List.of(restoredRank(0, true), restoredRank(1, true));

        assertEquals(100, redone(ranks.get(0)));
        assertEquals(new ProgressPoint(100, 2000, 62_000, 10), JobRun.of(ranks, false).end());
    }

    private static long redone(LedgerRun rank) {
        return rank.stepsTrained() - rank.last().steps();
    }

    /**
     * A rank of a 2-rank job of 900 steps restored at 61 s to 100 steps before its count; with {@code trained} its
     * samples also say the steps trained, as the agent writes them.
     */
    private LedgerRun restoredRank(int rank, boolean trained) throws IOException {
        Path ledger = RankLedgers.write(dir.resolve("restored" + rank + trained + ".jsonl"), "job", rank, 2, 10, 300,
            10);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(ledger)) {
            Matcher sample = Pattern.compile("\"elapsed_s\":(\\d+),\"steps\":(\\d+)").matcher(line);
            lines.add(sample.find() && Integer.parseInt(sample.group(1)) > 60
                ? sample.replaceFirst("\"elapsed_s\":$1,\"steps\":" + (Integer.parseInt(sample.group(2)) - 100)
                    + (trained ? ",\"steps_trained\":" + sample.group(2) : ""))
                : line);
        }
        return LedgerRun.read(Files.write(ledger, lines), Optional.empty());
    }

    @Test
    void aJobOfOneRankReplaysAsThatRun() throws IOException {
        LedgerRun only = rank("r0.jsonl", "job", 0, 1, 10, 300);
        double[] shares = Backtest.STANDARD_CHECKPOINTS;
        assertEquals(LedgerBacktest.replay(only, shares, OptionalDouble.empty()),
            LedgerBacktest.replay(JobRun.of(List.of(only), false), shares, OptionalDouble.empty()));
    }

    @Test
    void aSteadyJobIsForecastExactly() throws IOException {
        JobRun job = JobRun.of(List.of(rank("r0.jsonl", "job", 0, 2, 10, 300), rank("r1.jsonl", "job", 1, 2, 20, 150)),
            false);
        List<Backtest.Checkpoint> checkpoints = LedgerBacktest.replay(job, Backtest.STANDARD_CHECKPOINTS,
            OptionalDouble.empty());
        assertEquals(6, checkpoints.size());
        checkpoints.forEach(c -> assertEquals(47_000, c.live().orElseThrow().expected(), 1e-6, c.toString()));
    }

    @Test
    void ledgersOfDifferentRunsAreRefusedUnlessMixedRunsAreAsked() throws IOException {
        LedgerRun a = rank("a.jsonl", "slurm-7", 0, 2, 10, 300);
        LedgerRun b = rank("b.jsonl", "slurm-8", 1, 2, 10, 300);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> JobRun.of(List.of(a, b), false));
        assertEquals("the ledgers hold different runs ('" + a.ledger() + "': slurm-7, '" + b.ledger() + "': slurm-8);"
            + " give the ledgers of one job's ranks, pick its run in each with --run-id, or total them anyway with "
            + "--mixed-runs", refused.getMessage());
        assertEquals(List.of("slurm-7", "slurm-8"), List.copyOf(JobRun.of(List.of(a, b), true).runIds()));
    }

    @Test
    void aLedgerGivenTwiceOrARankTwiceIsRefused() throws IOException {
        LedgerRun a = rank("a.jsonl", "job", 0, 2, 10, 300);
        Path link = Files.createSymbolicLink(dir.resolve("same.jsonl"), a.ledger());
        LedgerRun again = LedgerRun.read(link, Optional.empty());
        assertEquals("the ledger '" + link + "' is given twice (as '" + a.ledger() + "'): its run would be counted "
            + "twice", assertThrows(IllegalArgumentException.class, () -> JobRun.of(List.of(a, again), false))
            .getMessage());
        LedgerRun copy = rank("copy.jsonl", "job", 0, 2, 10, 300);
        assertEquals("'" + a.ledger() + "' and '" + copy.ledger() + "' are both rank 0 of run job: give each rank's "
            + "ledger once", assertThrows(IllegalArgumentException.class, () -> JobRun.of(List.of(a, copy), false))
            .getMessage());
        // ledgers that say no rank (an older agent, a launcher it does not know): a copy is refused, by the process
        // that began the run where the start record says (here pid 1 on every node, started apart) or by its end
        Path ledger0 = started(rank("old0.jsonl", "job", -1, 0, 10, 300).ledger(), "2026-12-04T10:00:00.000000001Z");
        Path ledger1 = started(rank("old1.jsonl", "job", -1, 0, 10, 310).ledger(), "2026-12-04T10:00:00.000000002Z");
        LedgerRun old0 = LedgerRun.read(ledger0, Optional.empty());
        JobRun.of(List.of(old0, LedgerRun.read(ledger1, Optional.empty())), false);
        List<String> lines = Files.readAllLines(ledger0);
        Path midRun = Files.write(dir.resolve("copied-mid-run.jsonl"), lines.subList(0, 50));
        Path noStart = Files.write(dir.resolve("copy-without-start.jsonl"), lines.subList(1, lines.size()));
        for (Path copyOfOld0 : List.of(midRun, noStart)) {
            LedgerRun copied = LedgerRun.read(copyOfOld0, Optional.empty());
            assertEquals("'" + old0.ledger() + "' and '" + copyOfOld0 + "' hold the same run job (one is a copy of the "
                + "other?): give each rank's ledger once", assertThrows(IllegalArgumentException.class,
                    () -> JobRun.of(List.of(old0, copied), false)).getMessage());
        }
    }

    /** The start record as the agent writes it, with the time its process began. */
    private static Path started(Path ledger, String at) throws IOException {
        return Files.writeString(ledger, Files.readString(ledger).replaceFirst("\"pid\":1,", "\"pid\":1,\"t\":\""
            + at + "\","));
    }

    @Test
    void missingRanksAreSaid() throws IOException {
        JobRun job = JobRun.of(List.of(rank("r0.jsonl", "job", 0, 4, 10, 300), rank("r2.jsonl", "job", 2, 4, 10, 300)),
            false);
        assertEquals(Optional.of("the job had 4 ranks and 2 ledgers are given: its totals cover these ranks only"),
            job.missingRanks());
    }

    /**
     * A job requeued smaller (8 ranks, a node lost, then 4): the ledgers of the 4 that came back say 4 in their last
     * start record, but the first attempt's ranks 4-7 are missing, and that is said.
     */
    @Test
    void missingRanksAreSaidByTheLargestAttempt() throws IOException {
        List<LedgerRun> comeBack = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            Path ledger = RankLedgers.write(dir.resolve("r" + r + ".jsonl"), "job", r, 4, 10, 300, 10);
            Files.writeString(ledger, "{\"type\":\"start\",\"run_id\":\"job\",\"pid\":7,\"rank\":" + r
                + ",\"world_size\":8,\"pue\":1.2,\"settings\":{}}\n" + Files.readString(ledger));
            comeBack.add(LedgerRun.read(ledger, Optional.empty()));
        }
        assertEquals(Optional.of("the job had 8 ranks and 4 ledgers are given: its totals cover these ranks only"),
            JobRun.of(comeBack, false).missingRanks());

        LedgerRun ofFour = rank("s1.jsonl", "job2", 1, 4, 10, 300);
        LedgerRun ofEight = rank("s0.jsonl", "job2", 0, 8, 10, 300);
        assertEquals(Optional.of("the job had up to 8 ranks and 2 ledgers are given: its totals cover these ranks "
            + "only"), JobRun.of(List.of(ofEight, ofFour), false).missingRanks());
    }
}
