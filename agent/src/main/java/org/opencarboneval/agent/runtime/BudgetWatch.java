package org.opencarboneval.agent.runtime;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

import org.opencarboneval.calibration.Range;
import org.opencarboneval.exporter.chart.DisplayUnit;

/**
 * The run's budgets ({@code budget.co2e}, {@code budget.energy}, device energy before PUE) against each snapshot's
 * forecast: one line when the expected total crosses a budget, none while it stays over, and again only if it fell
 * back under and crosses once more; a run without a forecast is watched by what it measured so far. The metrics show
 * the same ratios on every scrape.
 *
 * <p>A budget is the whole job's: one command line gives it to every rank. Each rank's metrics give its own total
 * over the job's budget, so that their sum over a run's ranks is the job's share (the dashboard and the alerting
 * rules sum them); its line warns when its own forecast crosses its part of the budget, the budget over the job's
 * size (data-parallel ranks do equal work). A rank of a job of unknown size watches the whole budget.
 */
final class BudgetWatch {

    private final OptionalDouble grams;
    private final OptionalDouble joules;
    private final JobRank rank;
    private final Consumer<String> warnings;
    private boolean overGrams;
    private boolean overJoules;

    BudgetWatch(OptionalDouble grams, OptionalDouble joules, JobRank rank, Consumer<String> warnings) {
        this.grams = grams;
        this.joules = joules;
        this.rank = rank;
        this.warnings = warnings;
    }

    static BudgetWatch none() {
        return new BudgetWatch(OptionalDouble.empty(), OptionalDouble.empty(), JobRank.NONE, w -> { });
    }

    OptionalDouble grams() {
        return grams;
    }

    OptionalDouble joules() {
        return joules;
    }

    /**
     * Called on the sampling thread with each new snapshot; the warning is worded only when one is due. Without a
     * forecast (none yet, or no total steps known) what the run measured so far is the least its total will be: a
     * run over its budget stays over until a forecast says otherwise.
     */
    void check(RunSnapshot run) {
        Optional<RunForecast> forecast = run.forecast();
        String noForecast = run.totalSteps().isPresent() ? "no forecast yet"
            : "no forecast of its total: its total steps are unknown";
        if (grams.isPresent()) {
            overGrams = crossed(overGrams, forecast.map(RunForecast::totalEmissionsGrams), run.co2eGrams(),
                noForecast, grams.getAsDouble(), DisplayUnit.MASS, "CO2e", "budget.co2e");
        }
        if (joules.isPresent()) {
            overJoules = crossed(overJoules, forecast.map(RunForecast::totalEnergyJoules),
                run.energyJoules().total(), noForecast, joules.getAsDouble(), DisplayUnit.ENERGY, "energy",
                "budget.energy");
        }
    }

    private boolean crossed(boolean wasOver, Optional<Range> forecast, double measured, String noForecast,
            double budget, DisplayUnit unit, String what, String key) {
        int ranks = rank.isMultiProcess() ? rank.worldSize().orElse(1) : 1;
        double limit = budget / ranks;
        boolean over = forecast.isPresent() ? forecast.get().expected() > limit : wasOver || measured > limit;
        if (over && !wasOver) {
            String of = ranks == 1 ? key + "=" + unit.format(budget)
                : "this rank's part of " + key + "=" + unit.format(budget) + ", " + unit.format(limit) + " (1/" + ranks
                    + ")";
            String whose = ranks == 1 ? "run" : "rank";
            warnings.accept(forecast.map(f -> String.format(Locale.ROOT, "over budget: the forecast %s of the %s is %s"
                    + " (%s..%s), %.0f%% of %s", what, whose, unit.format(f.expected()), unit.format(f.low()),
                    unit.format(f.high()), 100 * f.expected() / limit, of))
                .orElseGet(() -> String.format(Locale.ROOT, "over budget: the %s measured so far on the %s is %s, "
                    + "%.0f%% of %s (%s)", what, whose, unit.format(measured), 100 * measured / limit, of,
                    noForecast)));
        }
        return over;
    }
}
