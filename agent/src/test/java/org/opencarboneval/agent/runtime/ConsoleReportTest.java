package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.grid.IntensityInForce;
import org.opencarboneval.agent.grid.IntensitySource;
import org.opencarboneval.agent.progress.TotalSteps;
import org.opencarboneval.calibration.Range;

class ConsoleReportTest {

    private static final CarbonFactors CARBON = new CarbonFactors("DE", 0.35, 1.1);

    @Test
    void progressLineWithAKnownTotal() {
        RunSnapshot run = snapshot(1234, Optional.of(new TotalSteps(2938, "djl.fit")), 12.3);

        assertEquals("[opencarboneval] 42% 1234/2938 steps  12.3 steps/s  power 180 W  energy 12.2 Wh  "
            + "CO2e 4.10 g  forecast n/a  ETA 2m18s", ConsoleReport.line(run, JobRank.NONE));
    }

    @Test
    void progressLineWithoutATotal() {
        RunSnapshot run = snapshot(1234, Optional.empty(), 0);

        assertEquals("[opencarboneval] 1234 steps  0.0 steps/s  power 180 W  energy 12.2 Wh  CO2e 4.10 g  "
            + "forecast n/a  ETA n/a", ConsoleReport.line(run, JobRank.NONE));
    }

    @Test
    void aRankOfADistributedJobSaysWhichOnEveryLine() {
        RunSnapshot run = snapshot(1234, Optional.empty(), 0);
        JobRank rank = new JobRank(OptionalInt.of(1), OptionalInt.of(2));

        assertTrue(ConsoleReport.line(run, rank).startsWith("[opencarboneval] rank 1 of 2: 1234 steps  "),
            ConsoleReport.line(run, rank));
        assertTrue(ConsoleReport.summary(run, rank).startsWith("[opencarboneval] run r1 (rank 1 of 2): 1234 steps"),
            ConsoleReport.summary(run, rank));
    }

    /** The intensity is the mean the run was charged, 4.10 g over 12.2 Wh at PUE 1.10, not its last interval's 0.350. */
    @Test
    void summaryNamesTheRunEnergyPerComponentAndTheFactors() {
        assertEquals("[opencarboneval] run r1: 1234 steps in 1h02m, energy 12.2 Wh (gpu 10.0 Wh, cpu 2.00 Wh, "
            + "dram 200 mWh), CO2e 4.10 g (region DE, 0.306 kg/kWh on average, PUE 1.10)",
            ConsoleReport.summary(snapshot(1234, Optional.empty(), 0), JobRank.NONE));
    }

    @Test
    void withAProviderTheLineAddsTheIntensityInForceAndAGreenerStartWorthWaitingFor() {
        RunSnapshot plain = snapshot(1234, Optional.of(new TotalSteps(2938, "djl.fit")), 12.3);
        RunSnapshot live = withForecast(plain, CARBON.inForce(new IntensityInForce(238, IntensitySource.LIVE)),
            new RunForecast.GreenerStart(12_000, 2.1, 4.1));
        assertEquals("  grid 238 g/kWh live  greener start in 3h20m: remaining CO2e 2.10 g instead of 4.10 g",
            ConsoleReport.gridSuffix(live));

        RunSnapshot notWorthIt = withForecast(plain, CARBON, new RunForecast.GreenerStart(600, 4.0, 4.1));
        assertTrue(ConsoleReport.greenerStart(notWorthIt).isEmpty(), "2% saved is not worth the wait");
        RunSnapshot now = withForecast(plain, CARBON, new RunForecast.GreenerStart(0, 4.1, 4.1));
        assertTrue(ConsoleReport.greenerStart(now).isEmpty(), "now is the greenest start");
        assertEquals("  grid 350 g/kWh table", ConsoleReport.gridSuffix(now));
    }

    @Test
    void aBudgetWarnsOnceWhenTheForecastCrossesItAndAgainOnlyAfterFallingBack() {
        List<String> warnings = new ArrayList<>();
        BudgetWatch budgets = new BudgetWatch(OptionalDouble.of(7.5), OptionalDouble.empty(), JobRank.NONE,
            warnings::add);
        RunSnapshot plain = snapshot(1234, Optional.of(new TotalSteps(2938, "djl.fit")), 12.3);

        budgets.check(plain); // no forecast yet
        for (double expected : new double[] {7, 8, 9, 8, 7, 8}) {
            budgets.check(withForecast(plain, expected));
        }

        String line = "over budget: the forecast CO2e of the run is 8.00 g (7.00 g..9.00 g), 107% of "
            + "budget.co2e=7.50 g";
        assertEquals(List.of(line, line), warnings, "crossed at 8, stayed over at 9 and 8, back under at 7, again");
    }

    /** A run whose total no one knows has no forecast: what it measured so far crossing the budget is said. */
    @Test
    void aRunWithoutAForecastWarnsWhenWhatItMeasuredCrossesTheBudget() {
        List<String> warnings = new ArrayList<>();
        BudgetWatch budgets = new BudgetWatch(OptionalDouble.of(7.5), OptionalDouble.of(3.6e6), JobRank.NONE,
            warnings::add);
        RunSnapshot unknownTotal = snapshot(1234, Optional.empty(), 12.3);
        budgets.check(unknownTotal);
        assertEquals(List.of(), warnings, unknownTotal.co2eGrams() + " g, " + unknownTotal.energyJoules().total()
            + " J so far");

        budgets.check(measured(unknownTotal, 8, 4e6));
        budgets.check(measured(unknownTotal, 9, 5e6));
        assertEquals(List.of("over budget: the CO2e measured so far on the run is 8.00 g, 107% of budget.co2e=7.50 g "
            + "(no forecast of its total: its total steps are unknown)", "over budget: the energy measured so far on "
            + "the run is 1.11 kWh, 111% of budget.energy=1.00 kWh (no forecast of its total: its total steps are "
            + "unknown)"), warnings);
    }

    /**
     * A forecast that goes (a second fit leaves the total unknown) leaves a run it said was over budget over: what
     * was measured is said only if it crosses the budget while no forecast had; before the first forecast the line
     * says there is none yet.
     */
    @Test
    void aRunOverBudgetStaysOverWhenItsForecastGoes() {
        List<String> warnings = new ArrayList<>();
        BudgetWatch budgets = new BudgetWatch(OptionalDouble.of(7.5), OptionalDouble.empty(), JobRank.NONE,
            warnings::add);
        RunSnapshot plain = snapshot(1234, Optional.of(new TotalSteps(2938, "djl.fit")), 12.3);
        budgets.check(withForecast(plain, 8));
        budgets.check(measured(plain, 5, 2e6));
        budgets.check(measured(plain, 8, 4e6));
        assertEquals(1, warnings.size(), "over by the forecast, then by what it measured: " + warnings);

        BudgetWatch early = new BudgetWatch(OptionalDouble.of(7.5), OptionalDouble.empty(), JobRank.NONE,
            warnings::add);
        early.check(measured(plain, 8, 4e6));
        assertEquals("over budget: the CO2e measured so far on the run is 8.00 g, 107% of budget.co2e=7.50 g (no "
            + "forecast yet)", warnings.get(1));
    }

    /** One command line gives every rank the job's budget: a rank of four warns past a quarter of it. */
    @Test
    void aRankWarnsWhenItsForecastCrossesItsPartOfTheJobsBudget() {
        List<String> warnings = new ArrayList<>();
        BudgetWatch budgets = new BudgetWatch(OptionalDouble.of(30), OptionalDouble.empty(),
            new JobRank(java.util.OptionalInt.of(2), java.util.OptionalInt.of(4)), warnings::add);
        RunSnapshot plain = snapshot(1234, Optional.of(new TotalSteps(2938, "djl.fit")), 12.3);

        budgets.check(withForecast(plain, 7));
        budgets.check(withForecast(plain, 8));

        assertEquals(List.of("over budget: the forecast CO2e of the rank is 8.00 g (7.00 g..9.00 g), 107% of this "
            + "rank's part of budget.co2e=30.0 g, 7.50 g (1/4)"), warnings);
    }

    private static RunSnapshot measured(RunSnapshot run, double grams, double joules) {
        return new RunSnapshot(run.runId(), run.sequence(), run.startedAt(), run.at(), run.elapsedSeconds(),
            run.steps(), run.stepsTrained(), run.samples(), run.epochs(), run.totalSteps(), run.stepsPerSecond(),
            run.powerWatts(), new Components(joules, 0, 0), run.gpuSeconds(), run.gpus(), grams, CARBON,
            Optional.empty(), run.estimateGrams());
    }

    private static RunSnapshot withForecast(RunSnapshot run, double expectedGrams) {
        return new RunSnapshot(run.runId(), run.sequence(), run.startedAt(), run.at(), run.elapsedSeconds(),
            run.steps(), run.stepsTrained(), run.samples(), run.epochs(), run.totalSteps(), run.stepsPerSecond(), run.powerWatts(),
            run.energyJoules(), run.gpuSeconds(), run.gpus(), run.co2eGrams(), CARBON, Optional.of(new RunForecast(
                new Range(9e4, 1e5, 1.1e5), new Range(expectedGrams - 1, expectedGrams, expectedGrams + 1),
                new Range(500, 600, 700), 0)), run.estimateGrams());
    }

    private static RunSnapshot withForecast(RunSnapshot run, CarbonFactors carbon, RunForecast.GreenerStart greener) {
        return new RunSnapshot(run.runId(), run.sequence(), run.startedAt(), run.at(), run.elapsedSeconds(),
            run.steps(), run.stepsTrained(), run.samples(), run.epochs(), run.totalSteps(), run.stepsPerSecond(), run.powerWatts(),
            run.energyJoules(), run.gpuSeconds(), run.gpus(), run.co2eGrams(), carbon, Optional.of(new RunForecast(
                new Range(9e4, 1e5, 1.1e5), new Range(7, 8, 9), new Range(500, 600, 700), 0,
                Optional.of(greener))), run.estimateGrams());
    }

    @Test
    void durationsMassesAndEnergiesScale() {
        assertEquals("59s", ConsoleReport.duration(Duration.ofSeconds(59)));
        assertEquals("1m00s", ConsoleReport.duration(Duration.ofSeconds(60)));
        assertEquals("2h00m", ConsoleReport.duration(Duration.ofHours(2)));
        assertEquals("999 g", ConsoleReport.grams(999));
        assertEquals("1.50 kg", ConsoleReport.grams(1500));
        assertEquals("27.0 mg", ConsoleReport.grams(0.027));
        assertEquals("1.50 kWh", ConsoleReport.energy(5.4e6));
        assertEquals("333 mWh", ConsoleReport.energy(1200));
    }

    private static RunSnapshot snapshot(long steps, Optional<TotalSteps> total, double rate) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        return new RunSnapshot("r1", 1, start, start.plusSeconds(3720), 3720, steps, steps, steps * 32, 1, total, rate,
            new Components(150, 25, 5), new Components(36000, 7200, 720), 0, List.of(), 4.1, CARBON, Optional.empty(),
            OptionalDouble.empty());
    }
}
