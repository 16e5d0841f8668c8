package org.opencarboneval.agent.runtime;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Consumer;

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

    /** Called on the sampling thread with each new snapshot. */
    void check(RunSnapshot run) {
        if (run.forecast().isEmpty()) {
            return;
        }
        RunForecast forecast = run.forecast().get();
        if (grams.isPresent()) {
            overGrams = crossed(overGrams, forecast.totalEmissionsGrams().expected(), grams.getAsDouble(), "CO2e",
                "budget.co2e", ConsoleReport.grams(forecast.totalEmissionsGrams().expected()) + " ("
                    + ConsoleReport.grams(forecast.totalEmissionsGrams().low()) + ".."
                    + ConsoleReport.grams(forecast.totalEmissionsGrams().high()) + ")",
                grams.getAsDouble() >= 1 ? ConsoleReport.grams(grams.getAsDouble())
                    : String.format(Locale.ROOT, "%.3g g", grams.getAsDouble()));
        }
        if (joules.isPresent()) {
            overJoules = crossed(overJoules, forecast.totalEnergyJoules().expected(), joules.getAsDouble(), "energy",
                "budget.energy", ConsoleReport.energy(forecast.totalEnergyJoules().expected()) + " ("
                    + ConsoleReport.energy(forecast.totalEnergyJoules().low()) + ".."
                    + ConsoleReport.energy(forecast.totalEnergyJoules().high()) + ")",
                ConsoleReport.energy(joules.getAsDouble()));
        }
    }

    private boolean crossed(boolean wasOver, double expected, double limit, String what, String key,
            String forecastText, String limitText) {
        boolean over = expected > limit;
        if (over && !wasOver) {
            warnings.accept(String.format(Locale.ROOT, "over budget: the forecast %s of the run is %s, %.0f%% of "
                + "%s=%s", what, forecastText, 100 * expected / limit, key, limitText));
        }
        return over;
    }
}
