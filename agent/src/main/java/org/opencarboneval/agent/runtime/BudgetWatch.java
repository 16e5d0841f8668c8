package org.opencarboneval.agent.runtime;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Consumer;

import org.opencarboneval.calibration.Range;
import org.opencarboneval.exporter.chart.DisplayUnit;

/**
 * The run's budgets ({@code budget.co2e}, {@code budget.energy}, device energy before PUE) against each snapshot's
 * forecast: one line when the expected total crosses a budget, none while it stays over, and again only if it fell
 * back under and crosses once more. The metrics show the same ratios on every scrape.
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

    /** Called on the sampling thread with each new snapshot; the warning is worded only when one is due. */
    void check(RunSnapshot run) {
        if (run.forecast().isEmpty()) {
            return;
        }
        RunForecast forecast = run.forecast().get();
        if (grams.isPresent()) {
            overGrams = crossed(overGrams, forecast.totalEmissionsGrams(), grams.getAsDouble(), DisplayUnit.MASS,
                "CO2e", "budget.co2e");
        }
        if (joules.isPresent()) {
            overJoules = crossed(overJoules, forecast.totalEnergyJoules(), joules.getAsDouble(), DisplayUnit.ENERGY,
                "energy", "budget.energy");
        }
    }

    private boolean crossed(boolean wasOver, Range forecast, double budget, DisplayUnit unit, String what,
            String key) {
        int ranks = rank.isMultiProcess() ? rank.worldSize().orElse(1) : 1;
        double limit = budget / ranks;
        boolean over = forecast.expected() > limit;
        if (over && !wasOver) {
            String of = ranks == 1 ? key + "=" + unit.format(budget)
                : "this rank's part of " + key + "=" + unit.format(budget) + ", " + unit.format(limit) + " (1/" + ranks
                    + ")";
            warnings.accept(String.format(Locale.ROOT, "over budget: the forecast %s of the %s is %s (%s..%s), %.0f%% "
                + "of %s", what, ranks == 1 ? "run" : "rank", unit.format(forecast.expected()),
                unit.format(forecast.low()), unit.format(forecast.high()), 100 * forecast.expected() / limit, of));
        }
        return over;
    }
}
