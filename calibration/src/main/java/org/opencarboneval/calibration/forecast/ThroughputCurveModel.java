package org.opencarboneval.calibration.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleBinaryOperator;

/**
 * OpenCarbonEval's dynamic throughput model in the run's own units. Intervals between observations in which the job
 * barely progressed are {@link Pauses}: their share of time and their power are carried forward, and they are kept
 * out of the throughput fit. The training intervals, merged into windows and cut to the current {@link Regime}, are
 * fitted with {@code r(t) = a + b ln t}, weighted by duration and {@link Recency}, robustly, optionally steadied by
 * the a-priori curve. The remaining work fixes the remaining training time through the fitted curve; power, fitted
 * as a level with a fading transient ({@link PowerEstimate#ahead}), turns time into energy.
 */
final class ThroughputCurveModel {

    /** Windows per elapsed history: fine enough to see a change of speed, coarse enough to average out jitter. */
    static final int WINDOWS = 60;
    /** The prior's pull fades out linearly by this share of progress: by then the run speaks for itself. */
    static final double PRIOR_FADES_BY = 0.2;

    private ThroughputCurveModel() {
    }

    /**
     * Where the run's throughput last stepped (a new batch size, sequence length or model phase), in device time;
     * empty when it did not, or not clearly.
     */
    static OptionalDouble lastStep(List<ProgressPoint> points) {
        Regime regime = regime(points, new Pauses(Window.intervals(points), recency(points)));
        return regime.stepped() ? OptionalDouble.of(regime.warm().get(0).start()) : OptionalDouble.empty();
    }

    /** The cost of the work ahead along the fitted curve; empty until enough training windows are seen. */
    static Optional<CostAhead> cost(List<ProgressPoint> points, double totalWork, Optional<ThroughputPrior> prior) {
        ProgressPoint last = points.get(points.size() - 1);
        double now = last.deviceSeconds();
        Recency recency = recency(points);
        Pauses pauses = new Pauses(Window.intervals(points), recency);
        Regime regime = regime(points, pauses);
        List<Window> training = regime.warm();
        if (training.size() < Regime.MIN_SIDE || !(pauses.typicalThroughput() > 0)) {
            return Optional.empty();
        }
        CurveFit fit = CurveFit.fit(weighted(training, recency),
            prior.map(p -> priorPoints(p, training, now, last.work() / totalWork)).orElse(List.of()));
        double floor = 0.05 * pauses.typicalThroughput();
        double regimeStart = training.get(0).start();
        double pause = Math.min(pauses.fraction(regimeStart), 0.9);
        OptionalDouble pausePower = pauses.power(regimeStart);
        DoubleBinaryOperator power = PowerEstimate.ahead(regime.sinceStep(), recency);
        return Optional.of(work -> {
            double trainingTime = RemainingTime.solve(fit.a(), fit.b(), now, work, floor);
            double pausedTime = trainingTime * pause / (1 - pause);
            double watts = power.applyAsDouble(now, now + trainingTime + pausedTime);
            double energy = trainingTime * watts + pausedTime * pausePower.orElse(watts);
            return new Cost((trainingTime + pausedTime) / work, energy / work);
        });
    }

    private static Recency recency(List<ProgressPoint> points) {
        return new Recency(points.get(points.size() - 1).deviceSeconds());
    }

    private static Regime regime(List<ProgressPoint> points, Pauses pauses) {
        double width = (points.get(points.size() - 1).deviceSeconds() - points.get(0).deviceSeconds()) / WINDOWS;
        return Regime.of(Window.merged(pauses.training(), width), pauses.typicalThroughput());
    }

    private static List<CurveFit.WeightedPoint> weighted(List<Window> windows, Recency recency) {
        return windows.stream()
            .map(w -> new CurveFit.WeightedPoint(Math.log(w.middle()), w.throughput(), recency.weight(w)))
            .toList();
    }

    /**
     * The prior curve as pseudo-windows over the fitted span, together worth two windows of data at the start and
     * nothing once the run is {@value #PRIOR_FADES_BY} done.
     */
    private static List<CurveFit.WeightedPoint> priorPoints(ThroughputPrior prior, List<Window> training, double now,
                                                           double progress) {
        double fade = 1 - progress / PRIOR_FADES_BY;
        if (fade <= 0) {
            return List.of();
        }
        double weight = fade * 2 * training.get(training.size() - 1).duration() / 4;
        List<CurveFit.WeightedPoint> pseudo = new ArrayList<>();
        double from = Math.log(training.get(0).middle());
        double to = Math.log(now);
        for (int i = 0; i < 4; i++) {
            double lnT = from + (to - from) * (i + 0.5) / 4;
            pseudo.add(new CurveFit.WeightedPoint(lnT, prior.a() + prior.b() * lnT, weight));
        }
        return pseudo;
    }
}
