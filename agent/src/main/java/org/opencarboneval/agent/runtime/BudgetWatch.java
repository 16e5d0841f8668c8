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
 */
final class BudgetWatch {

    private final OptionalDouble grams;
    private final OptionalDouble joules;
    private final Consumer<String> warnings;
    private boolean overGrams;
    private boolean overJoules;

    BudgetWatch(OptionalDouble grams, OptionalDouble joules, Consumer<String> warnings) {
        this.grams = grams;
        this.joules = joules;
        this.warnings = warnings;
    }

    static BudgetWatch none() {
        return new BudgetWatch(OptionalDouble.empty(), OptionalDouble.empty(), w -> { });
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

    private boolean crossed(boolean wasOver, Range forecast, double limit, DisplayUnit unit, String what,
            String key) {
        boolean over = forecast.expected() > limit;
        if (over && !wasOver) {
            warnings.accept(String.format(Locale.ROOT, "over budget: the forecast %s of the run is %s (%s..%s), %.0f%% "
                + "of %s=%s", what, unit.format(forecast.expected()), unit.format(forecast.low()),
                unit.format(forecast.high()), 100 * forecast.expected() / limit, key, unit.format(limit)));
        }
        return over;
    }
}
