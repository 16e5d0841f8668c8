package org.opencarboneval.agent.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.opencarboneval.agent.ledger.LedgerRun;
import org.opencarboneval.agent.ledger.LedgerSample;
import org.opencarboneval.calibration.Range;
import org.opencarboneval.calibration.forecast.Backtest;
import org.opencarboneval.calibration.forecast.Baseline;
import org.opencarboneval.exporter.JsonWriter;

/**
 * How {@code report} prints a replay. Each method's CO2e is its energy at the run's mean factor (its CO2e over its
 * energy: PUE x the grid intensity it was charged on average), so its CO2e error equals its energy error; both are
 * shown. A run charged a live intensity feed also had a grid forecast in its live CO2e forecasts, which a replay of
 * the energy does not score.
 */
final class BacktestReport {

    private BacktestReport() {
    }

    static String table(LedgerRun run, List<Backtest.Checkpoint> checkpoints) {
        LedgerSample last = run.last();
        return table(String.format(Locale.ROOT, "run %s: %d steps, %d samples, final energy %.4f kWh, CO2e %.2f g%n",
            run.runId(), last.steps(), run.sampleCount(), last.energyJoules().total() / 3.6e6, last.co2eGrams()),
            checkpoints, gramsPerJoule(last.energyJoules().total(), last.co2eGrams()));
    }

    /** The checkpoints' table under {@code header} (which ends its line). */
    static String table(String header, List<Backtest.Checkpoint> checkpoints, double gramsPerJoule) {
        StringBuilder text = new StringBuilder(header);
        text.append(String.format(Locale.ROOT, "%-9s %-34s %-7s %-6s", "progress", "live forecast kWh [90%]", "error",
            "held"));
        for (Baseline baseline : Baseline.values()) {
            text.append(String.format(Locale.ROOT, " %-17s", baseline.label()));
        }
        text.append(String.format(Locale.ROOT, " %-17s%n", "a-priori"));
        for (Backtest.Checkpoint c : checkpoints) {
            text.append(String.format(Locale.ROOT, "%-9s %-34s %-7s %-6s",
                Math.round(c.progress() * 100) + "%",
                c.live().map(BacktestReport::band).orElse("n/a"),
                c.liveError().map(BacktestReport::percent).orElse("-"),
                c.intervalHeld().map(h -> h ? "yes" : "no").orElse("-")));
            for (Baseline baseline : Baseline.values()) {
                text.append(String.format(Locale.ROOT, " %-17s", estimate(c.baseline(baseline),
                    c.baselineError(baseline))));
            }
            text.append(String.format(Locale.ROOT, " %-17s%n", estimate(apriori(c), c.aprioriError())));
        }
        long held = checkpoints.stream().filter(c -> c.intervalHeld().orElse(false)).count();
        long withInterval = checkpoints.stream().filter(c -> c.intervalHeld().isPresent()).count();
        text.append(String.format(Locale.ROOT, "interval held at %d of %d checkpoints; CO2e errors equal energy "
            + "errors (at the run's mean %.4f g/kJ)", held, withInterval, gramsPerJoule * 1000));
        return text.toString();
    }

    static String json(LedgerRun run, List<Backtest.Checkpoint> checkpoints) {
        LedgerSample last = run.last();
        JsonWriter json = new JsonWriter().beginObject()
            .field("run_id", run.runId())
            .field("steps", last.steps())
            .field("final_energy_j", last.energyJoules().total())
            .field("final_co2e_g", last.co2eGrams());
        return checkpoints(json, checkpoints, gramsPerJoule(last.energyJoules().total(), last.co2eGrams()))
            .endObject().toString();
    }

    /** The {@code checkpoints} array, as a field of the object {@code json} is writing. */
    static JsonWriter checkpoints(JsonWriter json, List<Backtest.Checkpoint> checkpoints, double gramsPerJoule) {
        json.name("checkpoints").beginArray();
        for (Backtest.Checkpoint c : checkpoints) {
            json.beginObject().field("progress", c.progress());
            json.name("live");
            if (c.live().isPresent()) {
                Range r = c.live().get();
                json.beginObject()
                    .field("energy_j", r.expected()).field("energy_j_low", r.low()).field("energy_j_high", r.high())
                    .field("co2e_g", r.expected() * gramsPerJoule).field("co2e_g_low", r.low() * gramsPerJoule)
                    .field("co2e_g_high", r.high() * gramsPerJoule)
                    .field("error", c.liveError().orElseThrow()).field("held", c.intervalHeld().orElseThrow())
                    .endObject();
            } else {
                json.nullValue();
            }
            for (Baseline baseline : Baseline.values()) {
                method(json, baseline.label().replace(' ', '_'), c.baseline(baseline), c.baselineError(baseline),
                    gramsPerJoule);
            }
            method(json, "apriori", apriori(c), c.aprioriError(), gramsPerJoule);
            json.endObject();
        }
        return json.endArray();
    }

    static Optional<Double> apriori(Backtest.Checkpoint c) {
        return c.apriori().isPresent() ? Optional.of(c.apriori().getAsDouble()) : Optional.empty();
    }

    private static String estimate(Optional<Double> joules, Optional<Double> error) {
        return joules.map(e -> String.format(Locale.ROOT, "%.4f %s", e / 3.6e6, percent(error.orElseThrow())))
            .orElse("n/a");
    }

    private static void method(JsonWriter json, String name, Optional<Double> energy, Optional<Double> error,
                               double gramsPerJoule) {
        json.name(name);
        if (energy.isEmpty()) {
            json.nullValue();
            return;
        }
        json.beginObject().field("energy_j", energy.get()).field("co2e_g", energy.get() * gramsPerJoule)
            .field("error", error.orElseThrow()).endObject();
    }

    static double gramsPerJoule(double joules, double grams) {
        return joules > 0 ? grams / joules : 0;
    }

    private static String band(Range r) {
        return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", r.expected() / 3.6e6, r.low() / 3.6e6,
            r.high() / 3.6e6);
    }

    static String percent(double error) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * error);
    }
}
