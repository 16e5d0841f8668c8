package org.opencarboneval.calibration.forecast;

import java.util.Optional;

/**
 * The candidate ways of foreseeing what the rest of a run will cost per unit of work. Each is right for some runs
 * and wrong for others: a mean over long stretches averages out noise and recurring pauses but lags a change of
 * speed; a recent stretch follows a change but is noisy; the throughput curve follows a rise in speed that the means
 * miss. {@link TrackRecord} scores each on the run's own past and the forecast weighs them by it.
 */
enum CostModel {

    /** All work since the start: steady runs, and short histories. */
    SINCE_START {
        @Override
        Optional<CostAhead> cost(History history, ProgressPoint start, double totalWork,
                                 Optional<ThroughputPrior> prior) {
            return since(start, history);
        }
    },
    /**
     * The completed epochs after the first: whole cycles of training and the evaluation that follows each, without
     * the first epoch's warm-up (JIT compilation, caches filling, data decoded once). Counted from where training
     * began, whatever {@code start} says: a step in the speed of training need not change what a whole epoch costs,
     * and cutting there left fewer epochs to average (on the MLPerf timelines it raised this model's median error at
     * 10% from 1.7 to 2.1%). Where epochs did get dearer, the track record finds it out. It is thus the same figure
     * as {@link Baseline#COMPLETED_EPOCHS}: the live forecast's lead over that baseline is all in the weighing.
     */
    COMPLETED_EPOCHS {
        @Override
        Optional<CostAhead> cost(History history, ProgressPoint start, double totalWork,
                                 Optional<ThroughputPrior> prior) {
            ProgressPoint first = history.epochEndFrom(history.trainingStart().work());
            ProgressPoint latest = history.lastEpochEnd();
            return first == null || latest == first ? Optional.empty() : constant(Cost.between(first, latest));
        }
    },
    /**
     * The later half of the work done: past a warm-up, still long enough to average recurring pauses; in whole epochs
     * where at least one whole epoch lies in it, so that an evaluation pass half seen cannot bias it.
     */
    LATER_HALF {
        @Override
        Optional<CostAhead> cost(History history, ProgressPoint start, double totalWork,
                                 Optional<ThroughputPrior> prior) {
            ProgressPoint from = history.epochEndFrom((start.work() + history.last().work()) / 2);
            ProgressPoint to = history.lastEpochEnd();
            return from != null && to != from ? constant(Cost.between(from, to)) : latest(history, start, 0.5);
        }
    },
    /** The latest quarter of the work done: follows a change of speed (a new batch size) soonest. */
    LATEST_QUARTER {
        @Override
        Optional<CostAhead> cost(History history, ProgressPoint start, double totalWork,
                                 Optional<ThroughputPrior> prior) {
            return latest(history, start, 0.25);
        }
    },
    /** OpenCarbonEval's throughput curve, for speed that is still rising. */
    THROUGHPUT_CURVE {
        @Override
        Optional<CostAhead> cost(History history, ProgressPoint start, double totalWork,
                                 Optional<ThroughputPrior> prior) {
            return ThroughputCurveModel.cost(history.points(), totalWork, prior);
        }
    };

    /**
     * The expected cost of the work ahead, from the history since {@code start} (where training began, or where its
     * speed last stepped; the throughput curve finds its own regime); empty where this model cannot tell yet.
     */
    abstract Optional<CostAhead> cost(History history, ProgressPoint start, double totalWork,
                                      Optional<ThroughputPrior> prior);

    private static Optional<CostAhead> since(ProgressPoint from, History history) {
        return constant(Cost.between(from, history.last()));
    }

    private static Optional<CostAhead> constant(Cost cost) {
        return Optional.ofNullable(cost).map(CostAhead::constant);
    }

    /** The mean cost of the latest {@code share} of the work done since {@code start}. */
    static Optional<CostAhead> latest(History history, ProgressPoint start, double share) {
        double from = history.last().work() - share * (history.last().work() - start.work());
        return since(history.atWork(from), history);
    }
}
