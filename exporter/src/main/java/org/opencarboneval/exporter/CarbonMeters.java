package org.opencarboneval.exporter;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The grid side of the run's series: where the intensity in force comes from (a state set, one series per source
 * with 1 for the one in force, so a change of source starts no new series), the greener-start advice while there
 * is a forecast of the grid, and the budgets with the forecast's and the measured share of each.
 */
final class CarbonMeters {

    private final MeterFactory meters;
    private final MeterGroup advice;
    private final MeterGroup co2eBudget;
    private final MeterGroup energyBudget;
    private final MeterGroup co2eForecastRatio;
    private final MeterGroup energyForecastRatio;

    CarbonMeters(MeterRegistry registry, MeterFactory meters) {
        this.meters = meters;
        for (String source : RunView.Grid.SOURCES) {
            meters.gauge("oce.grid.intensity.source", null, "Where the grid intensity in force comes from: 1 for the "
                + "source in force (live, forecast, table or file), 0 for the others.", Tags.of("source", source),
                v -> v.grid().intensitySource().equals(source) ? 1 : 0);
        }
        advice = new MeterGroup(registry, () -> List.of(
            meters.gauge("oce.advice.greenest.start.delay", "seconds", "Delay from now to the start, within the "
                + "grid's forecast, at which the remaining work would emit least.", Tags.empty(),
                v -> v.grid().greenerStart().map(RunView.GreenerStart::delaySeconds).orElse(Double.NaN)),
            meters.gauge("oce.advice.greenest.start.remaining.emissions", "grams", "CO2e of the remaining work if "
                + "started at the greenest moment of the grid's forecast.", Tags.empty(),
                v -> v.grid().greenerStart().map(RunView.GreenerStart::remainingGrams).orElse(Double.NaN))));
        co2eBudget = budget(registry, "co2e", "oce.budget.emissions", "grams", "The run's CO2e budget.",
            RunView.Grid::budgetGrams, RunView::emissionsGrams);
        energyBudget = budget(registry, "energy", "oce.budget.energy", "joules",
            "The run's energy budget (device energy, before PUE).", RunView.Grid::budgetJoules,
            v -> v.energyJoules().total());
        co2eForecastRatio = forecastRatio(registry, "co2e", RunView.Grid::budgetGrams,
            f -> f.totalEmissionsGrams().expected());
        energyForecastRatio = forecastRatio(registry, "energy", RunView.Grid::budgetJoules,
            f -> f.totalEnergyJoules().expected());
    }

    void show(RunView view) {
        advice.show(view.grid().greenerStart().isPresent());
        co2eBudget.show(view.grid().budgetGrams().isPresent());
        energyBudget.show(view.grid().budgetJoules().isPresent());
        co2eForecastRatio.show(view.grid().budgetGrams().isPresent() && view.forecast().isPresent());
        energyForecastRatio.show(view.grid().budgetJoules().isPresent() && view.forecast().isPresent());
    }

    /** The limit, and what the run used so far as a share of it. */
    private MeterGroup budget(MeterRegistry registry, String budget, String name, String unit, String help,
            Function<RunView.Grid, OptionalDouble> limit, ToDoubleFunction<RunView> used) {
        return new MeterGroup(registry, () -> {
            List<Meter> registered = new ArrayList<>();
            registered.add(meters.gauge(name, unit, help, Tags.empty(),
                v -> limit.apply(v.grid()).orElse(Double.NaN)));
            registered.add(meters.gauge("oce.budget.used", "ratio", "What the run used so far over its budget.",
                Tags.of("budget", budget), v -> used.applyAsDouble(v) / limit.apply(v.grid()).orElse(Double.NaN)));
            return registered;
        });
    }

    /** The forecast total (expected) over the budget: above 1, the run is forecast to exceed it. */
    private MeterGroup forecastRatio(MeterRegistry registry, String budget,
            Function<RunView.Grid, OptionalDouble> limit, ToDoubleFunction<RunView.Forecast> total) {
        return new MeterGroup(registry, () -> List.of(meters.gauge("oce.budget.forecast", "ratio",
            "The forecast total of the run (expected) over its budget; above 1 it is forecast to exceed it.",
            Tags.of("budget", budget), v -> v.forecast().map(total::applyAsDouble).orElse(Double.NaN)
                / limit.apply(v.grid()).orElse(Double.NaN))));
    }
}
