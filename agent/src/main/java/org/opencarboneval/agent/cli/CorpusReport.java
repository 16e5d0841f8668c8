package org.opencarboneval.agent.cli;

import java.util.Locale;
import java.util.Map;

import org.opencarboneval.calibration.forecast.BacktestSummary;

/**
 * How {@code report --corpus} prints a directory's replays: a Markdown table with, per checkpoint, the median and
 * 90th-percentile absolute error of the total energy for each method (over the runs it had a forecast for, their
 * number in brackets) and how often the live forecast's 90% interval held.
 */
final class CorpusReport {

    private CorpusReport() {
    }

    static String table(String name, BacktestSummary summary) {
        int[] coverage = summary.coverage();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
            "%s: %d runs; |error| of the total energy, median / 90th percentile (runs); the live forecast's 90%% "
                + "interval held at %d of %d checkpoints (%.0f%%)%n%n", name, summary.runs(), coverage[0],
            coverage[1], coverage[1] > 0 ? 100.0 * coverage[0] / coverage[1] : Double.NaN));
        Map<String, BacktestSummary.Errors> header = summary.rows().get(0).errors();
        text.append("| progress |");
        header.keySet().forEach(method -> text.append(' ').append(method).append(" |"));
        text.append(" held |\n|---|");
        header.keySet().forEach(method -> text.append("---|"));
        text.append("---|\n");
        for (BacktestSummary.Row row : summary.rows()) {
            text.append(String.format(Locale.ROOT, "| %.0f%% |", 100 * row.progress()));
            row.errors().values().forEach(e -> text.append(e.runs() == 0 ? " n/a |"
                : String.format(Locale.ROOT, " %.1f / %.1f%% (%d) |", 100 * e.median(), 100 * e.p90(), e.runs())));
            text.append(String.format(Locale.ROOT, " %d/%d |%n", row.held(), row.withInterval()));
        }
        return text.toString().stripTrailing();
    }
}
