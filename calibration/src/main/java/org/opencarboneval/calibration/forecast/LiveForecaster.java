package org.opencarboneval.calibration.forecast;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.opencarboneval.calibration.Range;

/**
 * Forecasts a running job's remaining device time and energy from what it has done so far.
 *
 * <p>The remaining work costs what the run's own past says it will: several {@link CostModel}s each foresee the
 * cost of a unit of work ahead, and for time and for energy the forecast weighs them by how close their forecasts at
 * earlier points of this run came to what then happened, at horizons like the one ahead ({@link TrackRecord}). The
 * 90% interval is conformal: the forecast's own past errors at comparable horizons, not fixed terms. Until the run
 * has a record to judge by, the mean since training began is used, with a wide band.
 *
 * <p>Memory is bounded ({@link History}), and the models are re-judged only when the work has grown by
 * {@value #REFRESH}, so a forecast at every sample of a two-week run stays cheap.
 */
public final class LiveForecaster {

    static final double LEVEL = 0.9;
    /** Observations of training before a first forecast: one or two intervals say little about the rest. */
    static final int MIN_OBSERVATIONS = 4;
    /**
     * The band before the run has a record of its own: a factor of two either way on the remaining cost, the size of
     * the errors a warm-up or a first evaluation pass can cause that early.
     */
    static final double UNJUDGED_SPREAD = Math.log(2);
    /** A mean error this small is as good as exact: it keeps one flawless model from taking all the weight. */
    static final double EXACT = 1e-4;
    /** Re-judge the models once the work has grown by this share. */
    static final double REFRESH = 0.005;

    private final History history = new History();
    private final TrackRecord record = new TrackRecord();
    private Plan plan;

    /** The cost ahead as judged at some point of the run, with the bands' log half-widths. */
    private record Plan(double work, double totalWork, Cost cost, double timeSpread, double energySpread) {
    }

    /**
     * Adds a cumulative observation; one that goes back in time is ignored, and one that goes back in work (a job
     * restored from its checkpoint, redoing the steps since) goes on from where the job now stands, its record kept
     * ({@link History}).
     */
    public synchronized void observe(ProgressPoint point) {
        history.add(point);
    }

    /**
     * The forecast now for a run of {@code totalWork} (which may be learnt or revised as the run goes), optionally
     * steadied by the a-priori curve; empty until the run has trained for {@value #MIN_OBSERVATIONS} observations.
     */
    public synchronized Optional<Forecast> forecast(double runTotalWork, Optional<ThroughputPrior> prior) {
        if (!(runTotalWork > 0) || Double.isInfinite(runTotalWork)) {
            throw new IllegalArgumentException("total work must be a positive number, got " + runTotalWork);
        }
        if (history.isEmpty()) {
            return Optional.empty();
        }
        // in the history's terms: as far on as the steps redone after restores
        double totalWork = runTotalWork + history.workOffset();
        ProgressPoint last = history.last();
        double progress = Math.min((last.work() - history.workOffset()) / runTotalWork, 1);
        double remainingWork = totalWork - last.work();
        if (remainingWork <= 0) {
            return Optional.of(new Forecast(progress, 0, Range.exactly(0), Range.exactly(0),
                Range.exactly(last.energyJoules())));
        }
        if (history.observedSinceTrainingStart() < MIN_OBSERVATIONS) {
            return Optional.empty();
        }
        if (plan == null || plan.totalWork() != totalWork || last.work() >= (1 + REFRESH) * plan.work()) {
            Optional<Plan> judged = judge(last, totalWork, prior);
            if (judged.isEmpty()) {
                return Optional.empty();
            }
            plan = judged.get();
        }
        Range remainingTime = Range.logBand(remainingWork * plan.cost().secondsPerWork(), plan.timeSpread(), 1);
        Range remainingEnergy = Range.logBand(remainingWork * plan.cost().joulesPerWork(), plan.energySpread(), 1);
        Range total = new Range(last.energyJoules() + remainingEnergy.low(),
            last.energyJoules() + remainingEnergy.expected(), last.energyJoules() + remainingEnergy.high());
        return Optional.of(new Forecast(progress, pauseFraction(), remainingTime, remainingEnergy, total));
    }

    private Optional<Plan> judge(ProgressPoint last, double totalWork, Optional<ThroughputPrior> prior) {
        CostModel[] models = CostModel.values();
        double remainingWork = totalWork - last.work();
        Cost[] costs = new Cost[models.length];
        CostAhead[] aheads = new CostAhead[models.length];
        ProgressPoint start = ThroughputCurveModel.lastStep(history.points()).stream()
            .mapToObj(history::atOrAfter).findFirst().orElse(history.trainingStart());
        for (int i = 0; i < models.length; i++) {
            Optional<CostAhead> ahead = models[i].cost(history, start, totalWork, prior);
            Cost cost = ahead.map(a -> a.over(remainingWork)).filter(LiveForecaster::usable).orElse(null);
            if (cost != null) {
                costs[i] = cost;
                aheads[i] = ahead.get();
            }
        }
        if (costs[CostModel.SINCE_START.ordinal()] == null) {
            return Optional.empty();
        }
        double horizon = remainingWork / last.work();
        double[] timeWeights = weights(Quantity.TIME, costs, start, last, horizon);
        double[] energyWeights = weights(Quantity.ENERGY, costs, start, last, horizon);
        if (record.due(last.work())) {
            Cost[][] byHorizon = new Cost[models.length][];
            for (int i = 0; i < models.length; i++) {
                byHorizon[i] = aheads[i] == null ? null : overHorizons(aheads[i], last.work());
            }
            Cost[] said = new Cost[TrackRecord.HORIZONS.length];
            for (int k = 0; k < said.length; k++) {
                Cost[] atHorizon = new Cost[models.length];
                for (int i = 0; i < models.length; i++) {
                    atHorizon[i] = byHorizon[i] == null ? null : byHorizon[i][k];
                }
                said[k] = combined(atHorizon, timeWeights, energyWeights);
            }
            record.record(last, byHorizon, said);
        }
        return Optional.of(new Plan(last.work(), totalWork, combined(costs, timeWeights, energyWeights),
            spread(Quantity.TIME, start, last, horizon), spread(Quantity.ENERGY, start, last, horizon)));
    }

    private static Cost[] overHorizons(CostAhead ahead, double workDone) {
        Cost[] costs = new Cost[TrackRecord.HORIZONS.length];
        for (int k = 0; k < costs.length; k++) {
            costs[k] = ahead.over(TrackRecord.HORIZONS[k] * workDone);
        }
        return costs;
    }

    /**
     * How much each model counts for {@code quantity}: the inverse square of its mean error on this run's past, so
     * that a model that has erred half as much counts four times as much; all on the mean since training began until
     * a model has been scored.
     */
    private double[] weights(Quantity quantity, Cost[] costs, ProgressPoint start, ProgressPoint last,
                             double horizon) {
        double[] scores = record.scores(quantity, start, last, horizon);
        double[] weights = new double[costs.length];
        boolean any = false;
        for (int i = 0; i < costs.length; i++) {
            if (costs[i] != null && !Double.isNaN(scores[i])) {
                weights[i] = 1 / Math.pow(scores[i] + EXACT, 2);
                any = true;
            }
        }
        if (!any) {
            weights[CostModel.SINCE_START.ordinal()] = 1;
        }
        return weights;
    }

    /** The models' costs averaged in log space with the given weights, over the models that foresaw one. */
    private static Cost combined(Cost[] costs, double[] timeWeights, double[] energyWeights) {
        return new Cost(combined(Quantity.TIME, costs, timeWeights), combined(Quantity.ENERGY, costs, energyWeights));
    }

    private static double combined(Quantity quantity, Cost[] costs, double[] weights) {
        double sum = 0;
        double logs = 0;
        for (int i = 0; i < costs.length; i++) {
            if (costs[i] != null && weights[i] > 0) {
                sum += weights[i];
                logs += weights[i] * Math.log(costs[i].of(quantity));
            }
        }
        return sum > 0 ? Math.exp(logs / sum) : costs[CostModel.SINCE_START.ordinal()].of(quantity);
    }

    private double spread(Quantity quantity, ProgressPoint start, ProgressPoint last, double horizon) {
        // A regime too young for a record of its own is judged by the whole run's, the step's surprise included.
        OptionalDouble judged = record.spread(quantity, start, last, horizon, LEVEL);
        return judged.isPresent() ? judged.getAsDouble()
            : record.spread(quantity, history.trainingStart(), last, horizon, LEVEL).orElse(UNJUDGED_SPREAD);
    }

    private static boolean usable(Cost cost) {
        return cost.secondsPerWork() > 0 && Double.isFinite(cost.secondsPerWork())
            && cost.joulesPerWork() >= 0 && Double.isFinite(cost.joulesPerWork());
    }

    /** The share of the latest observed intervals spent without progress (evaluation passes, checkpoints). */
    private double pauseFraction() {
        List<ProgressPoint> recent = history.recent();
        if (recent.size() < 2) {
            return 0;
        }
        return new Pauses(Window.intervals(recent), new Recency(history.last().deviceSeconds()))
            .fraction(recent.get(0).deviceSeconds());
    }

    /** Observed history for tests: how many points are kept. */
    int keptPoints() {
        return history.points().size();
    }
}
