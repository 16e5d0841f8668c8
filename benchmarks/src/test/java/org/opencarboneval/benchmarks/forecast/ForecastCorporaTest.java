package org.opencarboneval.benchmarks.forecast;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.ledger.LedgerBacktest;
import org.opencarboneval.calibration.forecast.Backtest;
import org.opencarboneval.calibration.forecast.BacktestSummary;

/**
 * The live forecast on the benchmark's corpora, replayed from their ledgers: the committed CPU traces, the MLPerf
 * Training timelines beside the checkout (modelled and constant power) and simulated days-long GPU runs. On each, the
 * 90% interval must hold at 85-95% of the checkpoints (honest, and not so wide that it always holds), and at 10, 20
 * and 50% the live forecast's median error must be at or below Carbontracker's and the linear extrapolation's.
 */
class ForecastCorporaTest {

    private static final Map<String, BacktestSummary> CORPORA = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void replay(@TempDir Path simulated) throws IOException {
        Path shared = Path.of(System.getProperty("oce.shared.data", "../../shared/data"));
        SimulatedCorpus.write(simulated, 1, 30, 60);
        for (Path corpus : List.of(Path.of("../agent/src/test/resources/traces"), shared.resolve("mlperf-dev"),
                shared.resolve("mlperf-dev/const"), simulated)) {
            List<String> skipped = new ArrayList<>();
            CORPORA.put(corpus.toString(), LedgerBacktest.corpus(corpus, Backtest.STANDARD_CHECKPOINTS,
                skipped::add));
            assertTrue(skipped.isEmpty(), "every run replays: " + skipped);
        }
    }

    @Test
    void theIntervalHoldsAtEightyFiveToNinetyFivePercentOfCheckpoints() {
        CORPORA.forEach((name, summary) -> {
            int[] coverage = summary.coverage();
            double share = (double) coverage[0] / coverage[1];
            assertTrue(share >= 0.85 && share <= 0.95, name + ": " + coverage[0] + " of " + coverage[1]);
        });
    }

    @Test
    void theLiveForecastBeatsCarbontrackerAndTheLinearExtrapolation() {
        CORPORA.forEach((name, summary) -> {
            for (BacktestSummary.Row row : summary.rows()) {
                if (row.progress() != 0.1 && row.progress() != 0.2 && row.progress() != 0.5) {
                    continue;
                }
                double live = row.errors().get("live").median();
                for (String baseline : List.of("first epoch", "linear")) {
                    BacktestSummary.Errors errors = row.errors().get(baseline);
                    assertTrue(errors.runs() == 0 || live <= errors.median(),
                        name + " at " + row.progress() + ": live " + live + " vs " + baseline + " " + errors);
                }
            }
        });
    }
}
