package org.opencarboneval.calibration.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.opencarboneval.calibration.Range;

class BacktestSummaryTest {

    private static final double FINAL = 100;

    /**
     * A baseline that only some runs have is read against the live forecast over those runs: here the completed
     * epochs exist in the two runs where the live forecast erred 10% and 30%, not in the one where it erred 2%; in
     * neither was the live forecast closer than they.
     */
    @Test
    void eachBaselineCarriesTheLiveMedianOverItsOwnRuns() {
        BacktestSummary summary = new BacktestSummary(new double[] {0.2});
        summary.add(List.of(checkpoint(110, Map.of(Baseline.COMPLETED_EPOCHS, 105.0, Baseline.LINEAR, 150.0))));
        summary.add(List.of(checkpoint(70, Map.of(Baseline.COMPLETED_EPOCHS, 99.0, Baseline.LINEAR, 140.0))));
        summary.add(List.of(checkpoint(102, Map.of(Baseline.LINEAR, 160.0))));

        Map<String, BacktestSummary.Errors> errors = summary.rows().get(0).errors();
        assertEquals(new BacktestSummary.Errors(3, 0.10, 0.26, 0.10, 0.5), rounded(errors.get("live")));
        assertEquals(new BacktestSummary.Errors(2, 0.03, 0.046, 0.20, 0), rounded(errors.get("completed epochs")));
        assertEquals(new BacktestSummary.Errors(3, 0.50, 0.58, 0.10, 1), rounded(errors.get("linear")));
        assertEquals(0, errors.get("first epoch").runs());
        assertEquals(Double.NaN, errors.get("first epoch").liveMedian());
    }

    private static Backtest.Checkpoint checkpoint(double live, Map<Baseline, Double> baselines) {
        return new Backtest.Checkpoint(0.2, FINAL, Optional.of(new Range(live * 0.9, live, live * 1.1)), baselines,
            OptionalDouble.empty());
    }

    private static BacktestSummary.Errors rounded(BacktestSummary.Errors e) {
        return new BacktestSummary.Errors(e.runs(), round(e.median()), round(e.p90()), round(e.liveMedian()),
            round(e.liveCloser()));
    }

    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}
