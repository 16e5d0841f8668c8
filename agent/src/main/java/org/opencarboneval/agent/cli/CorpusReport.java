package org.opencarboneval.agent.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.opencarboneval.calibration.forecast.BacktestSummary;

/**
 * How {@code report --corpus} prints a directory's replays: a Markdown table with, per checkpoint, the median and
 * 90th-percentile absolute error of the total energy for each method (over the runs it had a forecast for, their
 * number in brackets), how often the live forecast's 90% interval held and its median width (high minus low, as a
 * share of the final total: a band held by being wide says little). Beside each baseline, the live forecast
 * over the same runs: its median error where the baseline's runs are not all, the share of runs where it came
 * closer to the final total, and the gap, its median minus the baseline's in points of error, with a 90% bootstrap
 * interval: where that interval spans zero, the corpus cannot tell the two apart.
 */
final class CorpusReport {

    private CorpusReport() {
    }

    static String table(String name, BacktestSummary summary) {
        int[] coverage = summary.coverage();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
            "%s: %d runs; |error| of the total energy, median / 90th percentile (runs; beside a baseline, the live "
                + "forecast on the same runs: its median, how often it came closer, and the gap: its median minus "
                + "the baseline's, in points, with a 90%% bootstrap interval); the live forecast's 90%% interval held at %d "
                + "of %d checkpoints (%.0f%%)%n%n", name, summary.runs(), coverage[0],
            coverage[1], coverage[1] > 0 ? 100.0 * coverage[0] / coverage[1] : Double.NaN));
        List<BacktestSummary.Row> rows = summary.rows(); // resamples every gap: once
        Map<String, BacktestSummary.Errors> header = rows.get(0).errors();
        text.append("| progress |");
        header.keySet().forEach(method -> text.append(' ').append(method).append(" |"));
        text.append(" held | band |\n|---|");
        header.keySet().forEach(method -> text.append("---|"));
        text.append("---|---|\n");
        for (BacktestSummary.Row row : rows) {
            text.append(String.format(Locale.ROOT, "| %.0f%% |", 100 * row.progress()));
            int all = row.errors().get("live").runs();
            row.errors().forEach((method, e) -> text.append(cell(e, method.equals("live") ? -1 : all)));
            text.append(String.format(Locale.ROOT, " %d/%d | %.1f%% |%n", row.held(), row.withInterval(),
                100 * row.medianWidth()));
        }
        return text.toString().stripTrailing();
    }

    /** A share as points to one decimal, with no "-0.0": a gap that rounds to nothing reads +0.0; NaN stays NaN. */
    private static double points(double share) {
        return Double.isFinite(share) ? Math.round(share * 1000) / 10.0 + 0.0 : share;
    }

    /** One method's errors; beside a baseline's (where {@code liveRuns} is not -1), the live forecast's. */
    private static String cell(BacktestSummary.Errors errors, int liveRuns) {
        if (errors.runs() == 0) {
            return " n/a |";
        }
        if (liveRuns < 0) {
            return String.format(Locale.ROOT, " %.1f / %.1f%% (%d) |", 100 * errors.median(), 100 * errors.p90(),
                errors.runs());
        }
        StringBuilder live = new StringBuilder("; live");
        if (errors.runs() != liveRuns) {
            live.append(String.format(Locale.ROOT, " %.1f%%,", 100 * errors.liveMedian()));
        }
        live.append(String.format(Locale.ROOT, " closer in %.0f%%", 100 * errors.liveCloser()));
        errors.liveGap().ifPresent(gap -> live.append(String.format(Locale.ROOT, ", gap %+.1f [%+.1f, %+.1f]",
            points(gap.expected()), points(gap.low()), points(gap.high()))));
        return String.format(Locale.ROOT, " %.1f / %.1f%% (%d%s) |", 100 * errors.median(), 100 * errors.p90(),
            errors.runs(), Double.isNaN(errors.liveCloser()) ? "" : live);
    }
}
