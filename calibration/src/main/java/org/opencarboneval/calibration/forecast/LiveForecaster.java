package org.opencarboneval.calibration.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.opencarboneval.calibration.Range;

/**
 * Forecasts a running job's remaining device time and energy from what it has done so far.
 *
 * <p>Intervals between observations in which the job barely progressed are {@link Pauses}: their share of time and
 * their power are carried forward, and they are kept out of the throughput fit. The training intervals, merged into
 * windows and cut to the current {@link Regime}, are fitted with {@code r(t) = a + b ln t}, weighted by duration and
 * {@link Recency}, robustly. The remaining work fixes the remaining training time through the fitted curve; power,
 * fitted as a level with a fading transient ({@link PowerEstimate#ahead}), turns time into energy. The 90% interval
 * combines the fit's parameter uncertainty, the spread of power, and a drift term for what the history cannot show,
 * growing with how far ahead the forecast reaches.
 */
public final class LiveForecaster {

    /** Windows per elapsed history: fine enough to see a change of speed, coarse enough to average out jitter. */
    static final int WINDOWS = 60;
    static final int MIN_TRAINING_WINDOWS = Regime.MIN_SIDE;
    /**
     * What the fit cannot see: the job's speed wanders (other load on the machine, data-dependent batches) by about
     * {@value #WANDER} of the remaining energy wherever the forecast stands, plus {@value #DRIFT} per unit of
     * sqrt(remaining / elapsed) for how far ahead it reaches. Set so that the 90% interval held at about 90% of the
     * checkpoints of the recorded traces (agent/src/test/resources/traces).
     */
    static final double WANDER = 0.10;
    static final double DRIFT = 0.06;
    static final double Z90 = 1.6448536269514722;
    static final double MAX_SIGMA = 1.0;
    /**
     * Above this many points, every other point of the older half is dropped: cumulative values lose nothing by it,
     * and the recent half, which weighs most, keeps its full resolution.
     */
    private static final int MAX_POINTS = 4096;
    /** The prior's pull fades out linearly by this share of progress: by then the run speaks for itself. */
    static final double PRIOR_FADES_BY = 0.2;

    private final List<ProgressPoint> points = new ArrayList<>();

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
            int half = points.size() / 2;
            List<ProgressPoint> kept = new ArrayList<>(points.size());
            for (int i = 0; i < points.size(); i++) {
                if (i >= half || i % 2 == 0) {
                    kept.add(points.get(i));
                }
            }
            points.clear();
            points.addAll(kept);
        }
    }

    /**
     * The forecast now for a run of {@code totalWork} (which may be learnt or revised as the run goes), optionally
     * steadied by the a-priori curve; empty until enough training windows are seen to fit the curve.
     */
    public synchronized Optional<Forecast> forecast(double totalWork, Optional<ThroughputPrior> prior) {
        if (!(totalWork > 0) || Double.isInfinite(totalWork)) {
            throw new IllegalArgumentException("total work must be a positive number, got " + totalWork);
        }
        if (points.size() < 2) {
            return Optional.empty();
        }
        ProgressPoint last = points.get(points.size() - 1);
        double now = last.deviceSeconds();
        double remainingWork = totalWork - last.work();
        if (remainingWork <= 0) {
            return Optional.of(new Forecast(Math.min(last.work() / totalWork, 1), 0, 0, Range.exactly(0),
                Range.exactly(0), Range.exactly(last.energyJoules())));
        }
        Recency recency = new Recency(now);
        Pauses pauses = new Pauses(Window.intervals(points), recency);
        double width = (now - points.get(0).deviceSeconds()) / WINDOWS;
        Regime regime = Regime.of(Window.merged(pauses.training(), width), pauses.typicalThroughput());
        List<Window> training = regime.warm();
        if (training.size() < MIN_TRAINING_WINDOWS || !(pauses.typicalThroughput() > 0)) {
            return Optional.empty();
        }
        CurveFit fit = CurveFit.fit(weighted(training, recency),
            prior.map(p -> priorPoints(p, training, now, last.work() / totalWork)).orElse(List.of()));
        double floor = 0.05 * pauses.typicalThroughput();
        double trainingTime = RemainingTime.solve(fit.a(), fit.b(), now, remainingWork, floor);
        double regimeStart = training.get(0).start();
        double pause = Math.min(pauses.fraction(regimeStart), 0.9);
        double pausedTime = trainingTime * pause / (1 - pause);
        PowerEstimate trainingPower = PowerEstimate.ahead(regime.sinceStep(), recency, now,
            now + trainingTime + pausedTime);
        double watts = trainingPower.watts();
        double energy = trainingTime * watts
            + pausedTime * pauses.power(regimeStart).map(PowerEstimate::watts).orElse(watts);

        double timeSigma = RemainingTime.relativeSigma(fit, now, remainingWork, floor, trainingTime);
        double powerSigma = trainingPower.relativeStandardError();
        double driftSigma = WANDER + DRIFT * Math.sqrt((trainingTime + pausedTime) / now);
        // Capped: beyond a factor of about five either way the band says nothing more, and an early forecast whose
        // curve barely fits would otherwise print bounds of astronomical size.
        double sigma = Math.min(MAX_SIGMA,
            Math.sqrt(timeSigma * timeSigma + powerSigma * powerSigma + driftSigma * driftSigma));
        Range remainingEnergy = Range.logBand(energy, sigma, Z90);
        Range remainingTime = Range.logBand(trainingTime + pausedTime,
            Math.min(MAX_SIGMA, Math.hypot(timeSigma, driftSigma)), Z90);
        Range total = new Range(last.energyJoules() + remainingEnergy.low(), last.energyJoules() + energy,
            last.energyJoules() + remainingEnergy.high());
        return Optional.of(new Forecast(last.work() / totalWork, Math.max(fit.throughput(now), floor), pause,
            remainingTime, remainingEnergy, total));
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
