package org.opencarboneval.calibration.forecast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.opencarboneval.calibration.Range;

/**
 * Replays a finished run's observations, one at a time as the agent saw them, and records at given shares of its
 * progress what each method forecast for the total energy: the live forecast, the {@link Baseline}s and the a-priori
 * estimate. The run's final work and energy must be known up front (a ledger is read twice: once for its end, once to
 * replay), so a replay holds no more than the forecaster does, however long the run.
 */
public final class Backtest {

    /** The forecasts at one checkpoint against the run's final measured energy. */
    public record Checkpoint(double progress, double finalEnergyJoules, Optional<Range> live,
                             Map<Baseline, Double> baselines, OptionalDouble apriori) {

        public Optional<Double> liveError() {
            return live.map(r -> r.expected() / finalEnergyJoules - 1);
        }

        public Optional<Double> baseline(Baseline baseline) {
            return Optional.ofNullable(baselines.get(baseline));
        }

        public Optional<Double> baselineError(Baseline baseline) {
            return baseline(baseline).map(e -> e / finalEnergyJoules - 1);
        }

        public Optional<Double> aprioriError() {
            return apriori.isPresent() ? Optional.of(apriori.getAsDouble() / finalEnergyJoules - 1) : Optional.empty();
        }

        /** The live forecast's interval, high minus low, as a share of the final total: what its coverage costs. */
        public Optional<Double> intervalWidth() {
            return live.map(r -> (r.high() - r.low()) / finalEnergyJoules);
        }

        /** Whether the final total fell inside the live forecast's interval. */
        public Optional<Boolean> intervalHeld() {
            return live.map(r -> r.low() <= finalEnergyJoules && finalEnergyJoules <= r.high());
        }
    }

    public static final double[] STANDARD_CHECKPOINTS = {0.05, 0.10, 0.20, 0.30, 0.50, 0.80};

    private final double totalWork;
    private final double finalEnergyJoules;
    private final double[] shares;
    private final Optional<ThroughputPrior> prior;
    private final OptionalDouble apriori;
    private final LiveForecaster live = new LiveForecaster();
    private final History history = new History();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private Optional<Range> lastLive = Optional.empty();

    /**
     * @param end     the finished run's last observation
     * @param shares  checkpoints as increasing shares of the run's work
     * @param apriori the a-priori total energy, when the run's compute was known
     */
    public Backtest(ProgressPoint end, double[] shares, Optional<ThroughputPrior> prior, OptionalDouble apriori) {
        this.totalWork = end.work();
        this.finalEnergyJoules = end.energyJoules();
        this.shares = shares.clone();
        this.prior = prior;
        this.apriori = apriori;
    }

    /** Replays a whole run held in memory; its last observation is the finished run. */
    public static List<Checkpoint> replay(List<ProgressPoint> observations, double[] shares,
                                          Optional<ThroughputPrior> prior, OptionalDouble apriori) {
        if (observations.isEmpty()) {
            return List.of();
        }
        Backtest backtest = new Backtest(observations.get(observations.size() - 1), shares, prior, apriori);
        observations.forEach(backtest::observe);
        return backtest.checkpoints();
    }

    /** The next observation, in order. The live forecast is asked at each, as the agent asks it at each sample. */
    public void observe(ProgressPoint point) {
        live.observe(point);
        history.add(point);
        if (totalWork > 0) {
            lastLive = live.forecast(totalWork, prior).map(Forecast::totalEnergyJoules);
        }
        while (checkpoints.size() < shares.length && point.work() >= shares[checkpoints.size()] * totalWork) {
            Map<Baseline, Double> baselines = new EnumMap<>(Baseline.class);
            for (Baseline baseline : Baseline.values()) {
                baseline.total(history, totalWork + history.workOffset())
                    .ifPresent(total -> baselines.put(baseline, total));
            }
            checkpoints.add(new Checkpoint(shares[checkpoints.size()], finalEnergyJoules, lastLive,
                Collections.unmodifiableMap(baselines), apriori));
        }
    }

    public List<Checkpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }
}
