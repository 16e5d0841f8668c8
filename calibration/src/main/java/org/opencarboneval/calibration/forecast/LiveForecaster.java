package org.opencarboneval.calibration.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.opencarboneval.calibration.Range;

/**
 * Forecasts a running job's remaining device time and energy from what it has done so far.
 *
 * <p>Intervals between observations in which the job barely progressed are pauses (evaluation passes,
 * checkpoints): they cost time and energy, so their share of recent time and their power are carried forward, but
 * they are kept out of the throughput fit. The training intervals, merged into windows, are fitted with {@code r(t) = a + b ln t}, weighted
 * by duration and by recency (the job's speed can change: a new batch size, a new phase), robustly. The remaining
 * work then fixes the remaining training time through the fitted curve; measured power per device-second turns time
 * into energy. The 90% interval combines the fit's parameter uncertainty, the spread of power, and a drift term that
 * grows with how far ahead the forecast reaches.
 */
public final class LiveForecaster {

    /** Windows per elapsed history: finer windows see pauses as pauses, coarser ones average out sampling jitter. */
    static final int WINDOWS = 60;
    static final int MIN_TRAINING_WINDOWS = 6;
    /** Recency: a window's weight falls by e for every this fraction of the elapsed device time it lies back. */
    static final double RECENCY = 0.35;
    /** A window below this share of the typical throughput is a pause. */
    static final double PAUSE_THRESHOLD = 0.25;
    /** Relative drift of throughput per unit of (remaining / elapsed) device time, beyond what the fit sees. */
    static final double DRIFT = 0.04;
    static final double Z90 = 1.6448536269514722;
    /** Above this many points, every other interior point is dropped: cumulative values lose nothing by it. */
    private static final int MAX_POINTS = 4096;

    private final double totalWork;
    private final Optional<ThroughputPrior> prior;
    private final List<ProgressPoint> points = new ArrayList<>();

    public LiveForecaster(double totalWork, Optional<ThroughputPrior> prior) {
        if (!(totalWork > 0) || Double.isInfinite(totalWork)) {
            throw new IllegalArgumentException("total work must be a positive number, got " + totalWork);
        }
        this.totalWork = totalWork;
        this.prior = prior;
    }

    /** Adds a cumulative observation; one that goes back in time or work is ignored. */
    public synchronized void observe(ProgressPoint point) {
        if (!points.isEmpty()) {
            ProgressPoint last = points.get(points.size() - 1);
            if (point.deviceSeconds() <= last.deviceSeconds() || point.work() < last.work()) {
                return;
            }
        }
        points.add(point);
        if (points.size() > MAX_POINTS) {
            compact();
        }
    }

    private void compact() {
        List<ProgressPoint> kept = new ArrayList<>(points.size() / 2 + 2);
        for (int i = 0; i < points.size(); i++) {
            if (i % 2 == 0 || i == points.size() - 1) {
                kept.add(points.get(i));
            }
        }
        points.clear();
        points.addAll(kept);
    }

    /** The forecast now; empty until enough training windows are seen to fit the curve. */
    public synchronized Optional<Forecast> forecast() {
        if (points.size() < 2) {
            return Optional.empty();
        }
        ProgressPoint first = points.get(0);
        ProgressPoint last = points.get(points.size() - 1);
        double now = last.deviceSeconds();
        double progress = last.work() / totalWork;
        double remainingWork = totalWork - last.work();
        if (remainingWork <= 0) {
            return Optional.of(new Forecast(Math.min(progress, 1), 0, 0, Range.exactly(0), Range.exactly(0),
                Range.exactly(last.energyJoules())));
        }
        Split split = Split.of(Window.intervals(points), now);
        List<Window> training = Window.merged(split.training, (now - first.deviceSeconds()) / WINDOWS);
        if (training.size() < MIN_TRAINING_WINDOWS) {
            return Optional.empty();
        }
        CurveFit fit = CurveFit.fit(weighted(training, now), priorPoints(training, now));
        double floor = 0.05 * Math.max(split.typicalThroughput, 0);
        double trainingTime = RemainingTime.solve(fit.a(), fit.b(), now, remainingWork, floor);
        double pause = Math.min(split.pauseFraction, 0.9);
        double pausedTime = trainingTime * pause / (1 - pause);
        double trainingPower = split.trainingPower.mean;
        double pausePower = split.pausePower.orElse(split.trainingPower).mean;
        double energy = trainingTime * trainingPower + pausedTime * pausePower;

        double timeSigma = RemainingTime.relativeSigma(fit, now, remainingWork, floor, trainingTime);
        double powerSigma = split.trainingPower.relativeStandardError();
        double driftSigma = DRIFT * (trainingTime + pausedTime) / now;
        double sigma = Math.sqrt(timeSigma * timeSigma + powerSigma * powerSigma + driftSigma * driftSigma);
        Range remainingEnergy = Range.logBand(energy, sigma, Z90);
        Range remainingTime = Range.logBand(trainingTime + pausedTime, Math.hypot(timeSigma, driftSigma), Z90);
        Range total = new Range(last.energyJoules() + remainingEnergy.low(), last.energyJoules() + energy,
            last.energyJoules() + remainingEnergy.high());
        return Optional.of(new Forecast(progress, Math.max(fit.throughput(now), floor), pause, remainingTime,
            remainingEnergy, total));
    }

    private static double recencyWeight(Window w, double now) {
        return Math.exp(-(now - w.middle()) / (RECENCY * now));
    }

    private static List<CurveFit.WeightedPoint> weighted(List<Window> windows, double now) {
        return windows.stream()
            .map(w -> new CurveFit.WeightedPoint(Math.log(w.middle()), w.throughput(),
                w.duration() * recencyWeight(w, now)))
            .toList();
    }

    /** The prior curve as pseudo-windows over the fitted span, worth two windows of data. */
    private List<CurveFit.WeightedPoint> priorPoints(List<Window> training, double now) {
        if (prior.isEmpty()) {
            return List.of();
        }
        double weight = 2 * training.get(training.size() - 1).duration() / 4;
        List<CurveFit.WeightedPoint> pseudo = new ArrayList<>();
        double from = Math.log(training.get(0).middle());
        double to = Math.log(now);
        for (int i = 0; i < 4; i++) {
            double lnT = from + (to - from) * (i + 0.5) / 4;
            pseudo.add(new CurveFit.WeightedPoint(lnT, prior.get().a() + prior.get().b() * lnT, weight));
        }
        return pseudo;
    }

    /** A weighted mean with the standard error that its effective number of windows allows. */
    private record WeightedMean(double mean, double standardError) {
        double relativeStandardError() {
            return mean > 0 ? standardError / mean : 0;
        }

        static Optional<WeightedMean> of(List<Window> windows, double now) {
            double weightSum = 0;
            double weightSquares = 0;
            double energy = 0;
            double time = 0;
            for (Window w : windows) {
                double weight = recencyWeight(w, now);
                energy += weight * w.energy();
                time += weight * w.duration();
            }
            if (!(time > 0)) {
                return Optional.empty();
            }
            double mean = energy / time;
            double spread = 0;
            for (Window w : windows) {
                double weight = recencyWeight(w, now) * w.duration();
                weightSum += weight;
                weightSquares += weight * weight;
                spread += weight * Math.pow(w.power() - mean, 2);
            }
            double effective = weightSum * weightSum / weightSquares;
            double variance = effective > 1 ? spread / weightSum * effective / (effective - 1) : mean * mean;
            return Optional.of(new WeightedMean(mean, Math.sqrt(variance / effective)));
        }
    }

    /** Intervals split into training and pauses, with the recent share of time spent paused. */
    private record Split(List<Window> training, double typicalThroughput, double pauseFraction,
                         WeightedMean trainingPower, Optional<WeightedMean> pausePower) {

        static Split of(List<Window> windows, double now) {
            double typical = weightedMedianThroughput(windows, now);
            List<Window> training = new ArrayList<>();
            List<Window> pauses = new ArrayList<>();
            double pausedWeight = 0;
            double allWeight = 0;
            for (Window w : windows) {
                boolean paused = w.throughput() < PAUSE_THRESHOLD * typical;
                (paused ? pauses : training).add(w);
                double weight = recencyWeight(w, now) * w.duration();
                allWeight += weight;
                pausedWeight += paused ? weight : 0;
            }
            WeightedMean trainingPower = WeightedMean.of(training, now).orElse(new WeightedMean(0, 0));
            return new Split(training, typical, allWeight > 0 ? pausedWeight / allWeight : 0, trainingPower,
                WeightedMean.of(pauses, now));
        }

        private static double weightedMedianThroughput(List<Window> windows, double now) {
            List<double[]> byThroughput = new ArrayList<>();
            double total = 0;
            for (Window w : windows) {
                double weight = recencyWeight(w, now) * w.duration();
                byThroughput.add(new double[] {w.throughput(), weight});
                total += weight;
            }
            byThroughput.sort((x, y) -> Double.compare(x[0], y[0]));
            double cumulative = 0;
            for (double[] entry : byThroughput) {
                cumulative += entry[1];
                if (cumulative >= total / 2) {
                    return entry[0];
                }
            }
            return 0;
        }
    }
}
