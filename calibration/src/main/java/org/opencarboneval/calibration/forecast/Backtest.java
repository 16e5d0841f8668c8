package org.opencarboneval.calibration.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.opencarboneval.calibration.Range;

/**
 * Replays a finished run's observations and records, at given shares of its progress, what each method forecast for
 * the total energy: the live forecast, Carbontracker's first-epoch extrapolation, and the a-priori estimate.
 */
public final class Backtest {

    /** One replayed observation: cumulative progress and the number of epochs completed by then. */
    public record Observation(ProgressPoint point, long epochs) {
    }

    /** The forecasts at one checkpoint against the run's final measured energy. */
    public record Checkpoint(double progress, double finalEnergyJoules, Optional<Range> live,
                             Optional<Double> firstEpoch, OptionalDouble apriori) {

        public Optional<Double> liveError() {
            return live.map(r -> r.expected() / finalEnergyJoules - 1);
        }

        public Optional<Double> firstEpochError() {
            return firstEpoch.map(e -> e / finalEnergyJoules - 1);
        }

        public Optional<Double> aprioriError() {
            return apriori.isPresent() ? Optional.of(apriori.getAsDouble() / finalEnergyJoules - 1) : Optional.empty();
        }

        /** Whether the final total fell inside the live forecast's interval. */
        public Optional<Boolean> intervalHeld() {
            return live.map(r -> r.low() <= finalEnergyJoules && finalEnergyJoules <= r.high());
        }
    }

    public static final double[] STANDARD_CHECKPOINTS = {0.05, 0.10, 0.20, 0.50, 0.80};

    private Backtest() {
    }

    /**
     * @param observations the run's observations in order; the last one is the finished run
     * @param apriori      the a-priori total energy, when the run's compute was known
     */
    public static List<Checkpoint> replay(List<Observation> observations, double[] checkpoints,
                                          Optional<ThroughputPrior> prior, OptionalDouble apriori) {
        if (observations.isEmpty()) {
            return List.of();
        }
        ProgressPoint end = observations.get(observations.size() - 1).point();
        double totalWork = end.work();
        LiveForecaster live = new LiveForecaster();
        Optional<FirstEpochBaseline> baseline = firstEpochWork(observations)
            .map(work -> new FirstEpochBaseline(totalWork, work));
        List<Checkpoint> results = new ArrayList<>();
        int next = 0;
        for (Observation observation : observations) {
            live.observe(observation.point());
            baseline.ifPresent(b -> b.observe(observation.point()));
            while (next < checkpoints.length && observation.point().work() >= checkpoints[next] * totalWork) {
                results.add(new Checkpoint(checkpoints[next], end.energyJoules(),
                    live.forecast(totalWork, prior).map(Forecast::totalEnergyJoules),
                    baseline.flatMap(FirstEpochBaseline::totalEnergyJoules), apriori));
                next++;
            }
        }
        return results;
    }

    /** The work done when the first epoch completed, if the run completed one before its end. */
    private static Optional<Double> firstEpochWork(List<Observation> observations) {
        for (Observation o : observations) {
            if (o.epochs() >= 1 && o.point().work() > 0) {
                return Optional.of(o.point().work());
            }
        }
        return Optional.empty();
    }
}
