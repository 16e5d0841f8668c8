package org.opencarboneval.calibration.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What each {@link CostModel}, and the forecast itself, foresaw at earlier points of the run, scored against what the
 * run then did. Origins are kept every {@value #SPACING}-fold of work, so a run of any length keeps a few hundred.
 *
 * <p>At each origin every model's cost is kept for a ladder of horizons ({@link #HORIZONS}, in units of the work done
 * by then), so that it is later scored on the very stretch the run has since done: a model that foresees a falling
 * cost is not faulted for the far future when only the near one has been seen. The error is
 * {@code ln(foreseen / then seen)}. What matters is how each model does at a horizon like the one ahead now (at 20%
 * progress the run must see four times its past ahead), so origins count by how close their horizon so far is to the
 * one ahead, and, as everywhere in the forecast, by {@link Recency}: after a change of speed the origins since
 * show first which models follow it. An origin counts once the run has gone {@value #MIN_HORIZON} of its work past it: sooner, a pause half
 * seen decides its score.
 */
final class TrackRecord {

    static final double SPACING = 1.03;
    static final double MIN_HORIZON = 0.05;
    /** Horizons, in work done, at which each origin's forecasts are kept: 5% to 50 times, doubling. */
    static final double[] HORIZONS = {0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2};
    /** Horizons within about this factor of the one ahead count most (a Gaussian kernel in the log of the ratio). */
    static final double HORIZON_FACTOR = 2;
    /**
     * The band's kernel is wider: every origin is scored on a stretch that ends now, so those at horizons within a
     * factor of two of one another share most of it, and their errors are nearly one draw. A 90% quantile of them
     * held at 68-81% of the runs half-way through (benchmarks/RESULTS.md, section 5); shorter horizons, scaled up as
     * below, bring stretches of their own.
     */
    static final double BAND_HORIZON_FACTOR = 4;
    /** Scored origins a model needs before its score is trusted. */
    static final int MIN_SCORED = 3;

    /**
     * One earlier moment: where the run stood, each model's costs over {@link #HORIZONS} (null where it could not
     * tell), and the forecast's own.
     */
    private record Origin(ProgressPoint at, Cost[][] byModel, Cost[] said) {
    }

    private final List<Origin> origins = new ArrayList<>();

    /** Whether the run has gone far enough since the last origin to record another at {@code work}. */
    boolean due(double work) {
        return work > 0 && (origins.isEmpty() || work >= SPACING * origins.get(origins.size() - 1).at().work());
    }

    void record(ProgressPoint at, Cost[][] byModel, Cost[] said) {
        origins.add(new Origin(at, byModel, said));
    }

    /**
     * Each model's mean absolute log error in forecasting {@code quantity}, over the origins since {@code start} where
     * it foresaw something, weighted by how close their horizon is to {@code horizon} (remaining work over work done); NaN for a
     * model scored at fewer than {@value #MIN_SCORED}.
     */
    double[] scores(Quantity quantity, ProgressPoint start, ProgressPoint now, double horizon) {
        double[] scores = new double[CostModel.values().length];
        for (int model = 0; model < scores.length; model++) {
            double weights = 0;
            double errors = 0;
            int scored = 0;
            for (Origin origin : since(start)) {
                double error = error(quantity, origin, origin.byModel()[model], now);
                if (Double.isNaN(error)) {
                    continue;
                }
                double weight = weight(origin, now, horizon, HORIZON_FACTOR);
                weights += weight;
                errors += weight * Math.abs(error);
                scored++;
            }
            scores[model] = scored >= MIN_SCORED && weights > 0 ? errors / weights : Double.NaN;
        }
        return scores;
    }

    /**
     * The {@code level} quantile of the forecast's own past absolute log errors of {@code quantity}, at horizons like
     * {@code horizon} (within about {@value #BAND_HORIZON_FACTOR} times), each scaled to that horizon by the square
     * root of the ratio (errors of a mean over a longer stretch grow as drift accumulates); empty while too few are
     * scored. With few effective origins the quantile is raised by split-conformal's finite-sample correction,
     * {@code level (1 + 1 / n)}; when that reaches 1, the record is too thin to bound anything and the result is
     * empty.
     */
    OptionalDouble spread(Quantity quantity, ProgressPoint start, ProgressPoint now, double horizon, double level) {
        List<double[]> scored = new ArrayList<>();
        double weights = 0;
        double squares = 0;
        for (Origin origin : since(start)) {
            double error = error(quantity, origin, origin.said(), now);
            if (Double.isNaN(error)) {
                continue;
            }
            double weight = weight(origin, now, horizon, BAND_HORIZON_FACTOR);
            double ratio = horizon / horizonSoFar(origin, now);
            scored.add(new double[] {Math.abs(error) * Math.sqrt(ratio), weight});
            weights += weight;
            squares += weight * weight;
        }
        if (scored.size() < MIN_SCORED || !(weights > 0)) {
            return OptionalDouble.empty();
        }
        double corrected = level * (1 + squares / (weights * weights));
        if (corrected >= 1) {
            return OptionalDouble.empty();
        }
        scored.sort((x, y) -> Double.compare(x[0], y[0]));
        double cumulative = 0;
        for (double[] score : scored) {
            cumulative += score[1];
            if (cumulative >= corrected * weights) {
                return OptionalDouble.of(score[0]);
            }
        }
        return OptionalDouble.of(scored.get(scored.size() - 1)[0]);
    }

    /** The origins from {@code start} on: after a step in speed, what came before it tells nothing of what follows. */
    private List<Origin> since(ProgressPoint start) {
        int first = 0;
        while (first < origins.size() && origins.get(first).at().work() < start.work()) {
            first++;
        }
        return origins.subList(first, origins.size());
    }

    private static double horizonSoFar(Origin origin, ProgressPoint now) {
        return (now.work() - origin.at().work()) / origin.at().work();
    }

    private static double weight(Origin origin, ProgressPoint now, double horizon, double horizonFactor) {
        double distance = Math.log(horizonSoFar(origin, now) / horizon) / Math.log(horizonFactor);
        return new Recency(now.work()).factorAt(origin.at().work()) * Math.exp(-0.5 * distance * distance);
    }

    /** {@code ln(foreseen / seen since)}; NaN where the origin cannot be scored yet or foresaw nothing. */
    private static double error(Quantity quantity, Origin origin, Cost[] foreseen, ProgressPoint now) {
        double soFar = horizonSoFar(origin, now);
        if (foreseen == null || soFar < MIN_HORIZON) {
            return Double.NaN;
        }
        double ratio = foreseenAt(quantity, foreseen, soFar) / Cost.between(origin.at(), now).of(quantity);
        return ratio > 0 && Double.isFinite(ratio) ? Math.log(ratio) : Double.NaN;
    }

    /** The foreseen cost at a horizon, interpolated in log-log between the kept horizons (held beyond them). */
    private static double foreseenAt(Quantity quantity, Cost[] foreseen, double horizon) {
        int above = 0;
        while (above < HORIZONS.length - 1 && HORIZONS[above] < horizon) {
            above++;
        }
        if (above == 0 || HORIZONS[above] < horizon) {
            return foreseen[above].of(quantity);
        }
        double share = Math.log(horizon / HORIZONS[above - 1]) / Math.log(HORIZONS[above] / HORIZONS[above - 1]);
        double low = foreseen[above - 1].of(quantity);
        double high = foreseen[above].of(quantity);
        return low * Math.pow(high / low, share);
    }
}
