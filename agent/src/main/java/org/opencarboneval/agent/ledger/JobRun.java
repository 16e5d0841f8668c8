package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.opencarboneval.agent.runtime.Components;
import org.opencarboneval.calibration.forecast.ProgressPoint;

/**
 * One distributed job from its ranks' ledgers (one run each): the job's totals are the sums of the ranks' last
 * samples, and its course is the ranks' figures summed at common shares of their progress: its time is the longest
 * rank's (they run side by side), its work and energy the sums, its epochs those every rank has finished. The merge
 * holds two samples per rank, so a job reads in constant memory however long it ran.
 */
public final class JobRun {

    private final List<LedgerRun> ranks;

    private JobRun(List<LedgerRun> ranks) {
        this.ranks = List.copyOf(ranks);
    }

    /**
     * The job these runs are the ranks of. They must be one run (one run id), unless {@code mixedRuns}; a ledger
     * given twice, or counted twice ({@link #requireDistinct}), is an {@link IllegalArgumentException} naming them.
     */
    public static JobRun of(List<LedgerRun> ranks, boolean mixedRuns) {
        Set<String> ids = ranks.stream().map(LedgerRun::runId).collect(Collectors.toCollection(LinkedHashSet::new));
        if (ids.size() > 1 && !mixedRuns) {
            throw new IllegalArgumentException("the ledgers hold different runs ("
                + ranks.stream().map(r -> "'" + r.ledger() + "': " + r.runId()).collect(Collectors.joining(", "))
                + "); give the ledgers of one job's ranks, pick its run in each with --run-id, or total them anyway "
                + "with --mixed-runs");
        }
        requireDistinct(ranks);
        return new JobRun(ranks);
    }

    /**
     * Refuses, with an {@link IllegalArgumentException} naming them, a ledger given twice (by any spelling of its
     * path), two ledgers of the same rank of one run, or, where the ledgers say no rank (a launcher the agent does
     * not know, an older agent), a copy of one: two whose runs the same process began (a copy, whole or taken
     * mid-run, an archive beside its original), or that end in the same sample (a whole copy whose start record is
     * gone). Each would count a run twice.
     */
    public static void requireDistinct(List<LedgerRun> ranks) {
        Map<Path, LedgerRun> byFile = new HashMap<>();
        Map<String, LedgerRun> byRank = new HashMap<>();
        Map<String, LedgerRun> byOrigin = new HashMap<>();
        for (LedgerRun run : ranks) {
            LedgerRun sameFile = byFile.putIfAbsent(real(run.ledger()), run);
            if (sameFile != null) {
                throw new IllegalArgumentException("the ledger '" + run.ledger() + "' is given twice (as '"
                    + sameFile.ledger() + "'): its run would be counted twice");
            }
            if (run.rank().rank().isPresent()) {
                LedgerRun sameRank = byRank.putIfAbsent(run.runId() + "\n" + run.rank().rankLabel(), run);
                if (sameRank != null) {
                    throw new IllegalArgumentException("'" + sameRank.ledger() + "' and '" + run.ledger()
                        + "' are both rank " + run.rank().rankLabel() + " of run " + run.runId()
                        + ": give each rank's ledger once");
                }
                continue;
            }
            for (String origin : origins(run)) {
                LedgerRun same = byOrigin.putIfAbsent(origin, run);
                if (same != null) {
                    throw new IllegalArgumentException("'" + same.ledger() + "' and '" + run.ledger() + "' hold the "
                        + "same run " + run.runId() + " (one is a copy of the other?): give each rank's ledger once");
                }
            }
        }
    }

    /**
     * What no two processes share: the one that began the run (its pid and start to the nanosecond, where the start
     * record says) and how the run ended (to the nanosecond and the millijoule).
     */
    private static List<String> origins(LedgerRun run) {
        LedgerSample last = run.last();
        String ended = run.runId() + "\nended at " + last.sequence() + " " + last.elapsedSeconds() + " " + last.steps()
            + " " + last.energyJoules().total();
        return run.firstProcess().map(p -> List.of(run.runId() + "\nbegun by " + p, ended)).orElse(List.of(ended));
    }

    public List<LedgerRun> ranks() {
        return ranks;
    }

    /** The run ids, in the order of the ledgers: one, unless the job was read with mixed runs. */
    public Set<String> runIds() {
        return ranks.stream().map(LedgerRun::runId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * One line when the ranks say the job had more processes than ledgers were given: by the most any attempt said,
     * since a job requeued smaller (a node lost) has ledgers of the larger attempt's ranks too.
     */
    public Optional<String> missingRanks() {
        Set<Integer> sizes = ranks.stream().map(LedgerRun::largestWorldSize).filter(OptionalInt::isPresent)
            .map(OptionalInt::getAsInt).collect(Collectors.toSet());
        int most = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (most <= ranks.size()) {
            return Optional.empty();
        }
        return Optional.of("the job had " + (sizes.size() > 1 ? "up to " : "") + most + " ranks and " + ranks.size()
            + " ledgers are given: its totals cover these ranks only");
    }

    public long steps() {
        return ranks.stream().mapToLong(r -> r.last().steps()).sum();
    }

    public Components energyJoules() {
        Components sum = Components.ZERO;
        for (LedgerRun run : ranks) {
            sum = sum.plus(run.last().energyJoules());
        }
        return sum;
    }

    public double co2eGrams() {
        return ranks.stream().mapToDouble(r -> r.last().co2eGrams()).sum();
    }

    public long sampleCount() {
        return ranks.stream().mapToLong(LedgerRun::sampleCount).sum();
    }

    /** The finished job: every rank's last sample. */
    public ProgressPoint end() {
        Position[] last = new Position[ranks.size()];
        for (int rank = 0; rank < last.length; rank++) {
            LedgerRun run = ranks.get(rank);
            last[rank] = new Position(rank, run.last(), 1, run.stepsTrained());
        }
        return pointAt(1, last, new Position[last.length]);
    }

    /**
     * Streams the job's course: the ranks' samples in order of their share of progress, and at each (once every rank
     * has begun) the job's point at that share: every other rank's figures there are interpolated between its samples
     * on either side, so that ranks sampled at different moments add up as if sampled together.
     */
    public void forEachPoint(Consumer<ProgressPoint> action) throws IOException {
        int n = ranks.size();
        List<LedgerRun.Samples> open = new ArrayList<>();
        RankCourse[] courses = new RankCourse[n];
        for (int rank = 0; rank < n; rank++) {
            courses[rank] = new RankCourse(rank, ranks.get(rank));
        }
        try {
            Position[] latest = new Position[n];
            Position[] next = new Position[n];
            PriorityQueue<Position> heads = new PriorityQueue<>(Comparator.comparingDouble(Position::share)
                .thenComparingInt(Position::rank));
            for (int rank = 0; rank < n; rank++) {
                open.add(ranks.get(rank).samples());
                next[rank] = courses[rank].position(open.get(rank).next());
                if (next[rank] != null) {
                    heads.add(next[rank]);
                }
            }
            int begun = 0;
            while (!heads.isEmpty()) {
                Position head = heads.poll();
                begun += latest[head.rank()] == null ? 1 : 0;
                latest[head.rank()] = head;
                next[head.rank()] = courses[head.rank()].position(open.get(head.rank()).next());
                if (next[head.rank()] != null) {
                    heads.add(next[head.rank()]);
                }
                if (begun == n) {
                    action.accept(pointAt(head.share(), latest, next));
                }
            }
        } finally {
            for (LedgerRun.Samples samples : open) {
                samples.close();
            }
        }
    }

    /**
     * A rank's sample with its share of that rank's progress and the steps it has done by then: its count, plus the
     * steps it went back by at earlier restores from checkpoints, so that both only rise.
     */
    private record Position(int rank, LedgerSample sample, double share, double stepsDone) {
    }

    /** One rank's samples in order, with the steps it has trained so far. */
    private static final class RankCourse {
        private final int rank;
        private final LedgerRun run;
        private final TrainedSteps trained = new TrainedSteps();

        RankCourse(int rank, LedgerRun run) {
            this.rank = rank;
            this.run = run;
        }

        /** How far the rank is at this sample: its steps done over its final ones, else its time over its final. */
        Position position(LedgerSample sample) {
            if (sample == null) {
                return null;
            }
            double done = trained.at(sample);
            double finalDone = run.stepsTrained();
            double share = finalDone > 0 ? done / finalDone
                : run.last().elapsedSeconds() > 0 ? sample.elapsedSeconds() / run.last().elapsedSeconds() : 1;
            return new Position(rank, sample, share, done);
        }
    }

    /** The job where every rank is at {@code share}: each rank between its latest sample and its next. */
    private static ProgressPoint pointAt(double share, Position[] latest, Position[] next) {
        double seconds = 0;
        double work = 0;
        double joules = 0;
        long epochs = Long.MAX_VALUE;
        for (int rank = 0; rank < latest.length; rank++) {
            LedgerSample a = latest[rank].sample();
            double w = 0;
            if (next[rank] != null && next[rank].share() > latest[rank].share()) {
                w = Math.min(1, Math.max(0, (share - latest[rank].share()) / (next[rank].share()
                    - latest[rank].share())));
            }
            LedgerSample b = w > 0 ? next[rank].sample() : a;
            seconds = Math.max(seconds, a.elapsedSeconds() + w * (b.elapsedSeconds() - a.elapsedSeconds()));
            double bDone = w > 0 ? next[rank].stepsDone() : latest[rank].stepsDone();
            work += latest[rank].stepsDone() + w * (bDone - latest[rank].stepsDone());
            joules += a.energyJoules().total() + w * (b.energyJoules().total() - a.energyJoules().total());
            epochs = Math.min(epochs, (w < 1 ? a : b).epochs());
        }
        return new ProgressPoint(seconds, work, joules, epochs);
    }

    private static Path real(Path ledger) {
        try {
            return ledger.toRealPath();
        } catch (IOException | RuntimeException unresolvable) {
            return ledger.toAbsolutePath().normalize();
        }
    }
}
