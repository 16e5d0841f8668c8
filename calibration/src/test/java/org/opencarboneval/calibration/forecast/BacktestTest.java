package org.opencarboneval.calibration.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

/** The live forecast on simulated runs whose speed changes, against Carbontracker's first-epoch extrapolation. */
class BacktestTest {

    private static Backtest.Checkpoint at(List<Backtest.Checkpoint> checkpoints, double progress) {
        return checkpoints.stream().filter(c -> c.progress() == progress).findFirst().orElseThrow();
    }

    private static List<Backtest.Checkpoint> replay(List<ProgressPoint> run) {
        return Backtest.replay(run, new double[] {0.05, 0.1, 0.2, 0.5, 0.55, 0.6, 0.8}, Optional.empty(),
            OptionalDouble.empty());
    }

    @Test
    void warmUpDoesNotFoolTheLiveForecast() {
        List<Backtest.Checkpoint> checkpoints = replay(SyntheticRuns.run(400, 10, 15, 0, 1, 1, 1));
        Backtest.Checkpoint c = at(checkpoints, 0.2);
        double live = Math.abs(c.liveError().orElseThrow());
        double linear = Math.abs(c.baselineError(Baseline.FIRST_EPOCH).orElseThrow());
        assertTrue(live < 0.05, "live error " + live);
        assertTrue(live <= linear / 2, "live " + live + " vs first-epoch " + linear);
    }

    /** Twenty epochs: by 20% progress three evaluation passes have shown their period. */
    @Test
    void evaluationPassesEveryEpochAreForecast() {
        List<Backtest.Checkpoint> checkpoints = replay(SyntheticRuns.run(200, 20, 5, 4, 1, 1, 2));
        double live = Math.abs(at(checkpoints, 0.2).liveError().orElseThrow());
        assertTrue(live < 0.05, "live error " + live);
    }

    @Test
    void aMidRunSlowdownIsFollowedWithinTenPercentOfProgress() {
        List<Backtest.Checkpoint> checkpoints = replay(SyntheticRuns.run(400, 10, 5, 0, 0.5, 1.6, 3));
        double after = Math.abs(at(checkpoints, 0.6).liveError().orElseThrow());
        assertTrue(after < 0.05, "live error 10% after the change " + after);
    }

    @Test
    void reportsEveryCheckpointOnce() {
        List<Backtest.Checkpoint> checkpoints = Backtest.replay(SyntheticRuns.run(100, 4, 0, 0, 1, 1, 4),
            Backtest.STANDARD_CHECKPOINTS, Optional.empty(), OptionalDouble.of(1000));
        assertEquals(6, checkpoints.size());
        assertTrue(checkpoints.get(0).baseline(Baseline.FIRST_EPOCH).isEmpty(), "no epoch is done at 5%");
        assertTrue(checkpoints.get(5).baseline(Baseline.FIRST_EPOCH).isPresent());
        assertEquals(1000 / checkpoints.get(0).finalEnergyJoules() - 1, checkpoints.get(0).aprioriError().orElseThrow(), 1e-12);
    }
}
