package org.opencarboneval.calibration.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(new BacktestSummary.Errors(3, 0.10, 0.26, 0.10, 0.5, Optional.empty()),
            rounded(errors.get("live")));
        assertEquals(new BacktestSummary.Errors(2, 0.03, 0.046, 0.20, 0, Optional.empty()),
            rounded(errors.get("completed epochs")), "two runs are too few to resample");
        assertEquals(new BacktestSummary.Errors(3, 0.50, 0.58, 0.10, 1, Optional.empty()),
            rounded(errors.get("linear")));
        BacktestSummary.Row row = summary.rows().get(0);
        assertEquals(2, row.held(), "the total of 100 lies in [99, 121] and [91.8, 112.2], not in [63, 77]");
        assertEquals(3, row.withInterval());
        assertEquals(0.204, row.medianWidth(), 1e-9, "the middle of the bands' widths 0.22, 0.14 and 0.204");
        assertEquals(0, errors.get("first epoch").runs());
        assertEquals(Double.NaN, errors.get("first epoch").liveMedian());
        assertEquals(Optional.empty(), errors.get("first epoch").liveGap());
    }

    /**
     * The gap's interval: where the live forecast is the closer in every run it lies wholly below zero; where the
     * two swap places run by run as often as not, it spans zero. The same summary gives the same interval twice.
     */
    @Test
    void theGapBetweenMediansComesWithAnIntervalThatSaysWhetherTheCorpusCanTellThemApart() {
        BacktestSummary better = new BacktestSummary(new double[] {0.2});
        BacktestSummary level = new BacktestSummary(new double[] {0.2});
        for (int run = 0; run < 60; run++) {
            double spread = 1 + run % 10;
            better.add(List.of(checkpoint(FINAL + spread, Map.of(Baseline.LINEAR, FINAL + 3 * spread))));
            level.add(List.of(checkpoint(FINAL + (run % 2 == 0 ? spread : 2 * spread),
                Map.of(Baseline.LINEAR, FINAL + (run % 2 == 0 ? 2 * spread : spread)))));
        }
        Range clear = better.rows().get(0).errors().get("linear").liveGap().orElseThrow();
        // live errors 1..10% and linear's 3..30%, six runs each: medians 5.5 and 16.5%
        assertEquals(-0.11, clear.expected(), 1e-9, clear.toString());
        assertTrue(clear.low() <= clear.expected() && clear.high() < 0, "wholly below zero: " + clear);
        Range unclear = level.rows().get(0).errors().get("linear").liveGap().orElseThrow();
        assertTrue(unclear.low() < 0 && unclear.high() > 0, "spans zero: " + unclear);
        assertEquals(unclear, level.rows().get(0).errors().get("linear").liveGap().orElseThrow(), "seeded");
    }

    private static Backtest.Checkpoint checkpoint(double live, Map<Baseline, Double> baselines) {
        return new Backtest.Checkpoint(0.2, FINAL, Optional.of(new Range(live * 0.9, live, live * 1.1)), baselines,
            OptionalDouble.empty());
    }

    private static BacktestSummary.Errors rounded(BacktestSummary.Errors e) {
        return new BacktestSummary.Errors(e.runs(), round(e.median()), round(e.p90()), round(e.liveMedian()),
            round(e.liveCloser()), e.liveGap());
    }

    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}
