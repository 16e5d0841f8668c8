package org.opencarboneval.agent.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.opencarboneval.exporter.chart.DisplayUnit;

/** The progress line the agent prints to stderr every few seconds, and the summary at the end of the run. */
public final class ConsoleReport {

    static final String PREFIX = "[opencarboneval] ";
    /** The least share of the remaining CO2e that a later start must save for the console to advise it. */
    static final double WORTH_WAITING = 0.05;

    private ConsoleReport() {
    }

    /** The progress line; a rank of a distributed job says which, as their lines interleave on one terminal. */
    public static String line(RunSnapshot run, JobRank rank) {
        StringBuilder text = new StringBuilder(PREFIX);
        rank.describe().ifPresent(r -> text.append(r).append(": "));
        if (run.totalSteps().isPresent()) {
            text.append(String.format(Locale.ROOT, "%.0f%% %d/%d steps", run.progress().getAsDouble() * 100,
                run.steps(), run.totalSteps().get().steps()));
        } else {
            text.append(run.steps()).append(" steps");
        }
        text.append(String.format(Locale.ROOT, "  %.1f steps/s  power %.0f W  energy %s  CO2e %s  forecast %s  ETA %s",
            run.stepsPerSecond(), run.powerWatts().total(), energy(run.energyJoules().total()), grams(run.co2eGrams()),
            forecast(run), run.eta().map(ConsoleReport::duration).orElse("n/a")));
        return text.toString();
    }

    /**
     * The run's end: its intensity is the mean it was charged (its CO2e over its energy and PUE), which with a live
     * feed is not the last interval's.
     */
    public static String summary(RunSnapshot run, JobRank rank) {
        Components energy = run.energyJoules();
        double kwh = energy.total() / 3.6e6 * run.carbon().pue();
        double meanKgPerKwh = kwh > 0 ? run.co2eGrams() / 1000 / kwh : run.carbon().kgPerKwh();
        return PREFIX + String.format(Locale.ROOT,
            "run %s%s: %d steps in %s, energy %s (gpu %s, cpu %s, dram %s), CO2e %s (region %s, %.3f kg/kWh on "
                + "average, PUE %.2f)",
            run.runId(), rank.describe().map(r -> " (" + r + ")").orElse(""), run.steps(),
            duration(Duration.ofMillis(Math.round(run.elapsedSeconds() * 1000))),
            energy(energy.total()), energy(energy.gpu()), energy(energy.cpu()), energy(energy.dram()), grams(run.co2eGrams()),
            run.carbon().region(), meanKgPerKwh, run.carbon().pue());
    }

    /** The forecast total CO2e with its 90% interval, or n/a until there is one. */
    private static String forecast(RunSnapshot run) {
        return run.forecast().map(f -> String.format(Locale.ROOT, "%s (%s..%s)",
            grams(f.totalEmissionsGrams().expected()), grams(f.totalEmissionsGrams().low()),
            grams(f.totalEmissionsGrams().high()))).orElse("n/a");
    }

    /** In the unit that suits the size (mWh to MWh), so a short or CPU-only run does not read as 0.000 kWh. */
    static String energy(double joules) {
        return DisplayUnit.ENERGY.format(joules);
    }

    /** In the unit that suits the size (mg to t), as the status page shows it. */
    static String grams(double grams) {
        return DisplayUnit.MASS.format(grams);
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }

    /**
     * What the progress line adds when an intensity provider or file is set: the intensity in force and its source,
     * and the greener-start advice when waiting would save at least {@link #WORTH_WAITING} of the remaining CO2e.
     */
    public static String gridSuffix(RunSnapshot run) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "  grid %.0f g/kWh %s",
            run.carbon().kgPerKwh() * 1000, run.carbon().source()));
        greenerStart(run).ifPresent(advice -> text.append("  ").append(advice));
        return text.toString();
    }

    /** E.g. "greener start in 3h20m: remaining CO2e 2.1 g instead of 4.1 g", when it saves enough to be worth it. */
    public static Optional<String> greenerStart(RunSnapshot run) {
        return run.forecast().flatMap(RunForecast::greenerStart)
            .filter(g -> g.delaySeconds() > 0 && g.remainingGrams() < (1 - WORTH_WAITING) * g.remainingGramsNow())
            .map(g -> "greener start in " + duration(Duration.ofMillis(Math.round(g.delaySeconds() * 1000)))
                + ": remaining CO2e " + grams(g.remainingGrams()) + " instead of " + grams(g.remainingGramsNow()));
    }
}
