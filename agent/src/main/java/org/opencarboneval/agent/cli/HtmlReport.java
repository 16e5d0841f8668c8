package org.opencarboneval.agent.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.opencarboneval.agent.ledger.LedgerRun;
import org.opencarboneval.agent.ledger.LedgerSample;
import org.opencarboneval.agent.ledger.SampleTimeline;
import org.opencarboneval.calibration.Range;
import org.opencarboneval.calibration.forecast.Backtest;
import org.opencarboneval.calibration.forecast.Baseline;
import org.opencarboneval.exporter.chart.Axis;
import org.opencarboneval.exporter.chart.DisplayUnit;
import org.opencarboneval.exporter.chart.Markup;
import org.opencarboneval.exporter.chart.PageStyle;
import org.opencarboneval.exporter.chart.SvgChart;

/**
 * {@code report --html}: one self-contained page (inline SVG and CSS, no script, nothing fetched) with the run's power
 * and throughput over time and each method's forecast of the total energy at each checkpoint against the final total,
 * drawn with the status page's chart piece.
 */
final class HtmlReport {

    /** Spans of the power and throughput charts: fine enough to see phases, bounded however long the ledger. */
    static final int TIMELINE_SPANS = 400;

    private static final Axis RUN_TIME = new Axis("run time", DisplayUnit.DURATION);
    private static final Axis ENERGY = new Axis("total energy", DisplayUnit.ENERGY);
    private static final String LIVE = "#1f4d2b";
    private static final String FINAL = "#1d2a1f";
    private static final String APRIORI = "#5a6b5d";
    private static final String[] PALETTE = {"#c0462b", "#2b6cc0", "#8a4fb0", "#b07a12"};
    /** The report's own rules, after those it shares with the status page. */
    private static final String STYLE = PageStyle.css() + """
        h2 { font-size: 15px; margin: 0 0 6px; }
        th, td { text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        .note { font-size: 13px; color: #5a6b5d; }
        """;

    private HtmlReport() {
    }

    static String page(LedgerRun run, SampleTimeline timeline, List<Backtest.Checkpoint> checkpoints) {
        LedgerSample last = run.last();
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>OpenCarbonEval "
            + "report: ").append(Markup.escape(run.runId())).append("</title>\n<style>\n").append(STYLE)
            .append("</style>\n</head>\n<body>\n<header><h1>OpenCarbonEval &mdash; run report</h1><div>run <span "
                + "id=\"run_id\">").append(Markup.escape(run.runId())).append("</span></div></header>\n<main>\n")
            .append("<div class=\"cards\">");
        card(html, "steps", "steps", Long.toString(last.steps()));
        card(html, "run time", "run_time", DisplayUnit.DURATION.format(last.elapsedSeconds()));
        card(html, "energy", "energy", DisplayUnit.ENERGY.format(last.energyJoules().total()));
        card(html, "CO2e", "co2e", DisplayUnit.MASS.format(last.co2eGrams()));
        html.append("</div>\n<div class=\"charts\">");
        section(html, "Power over the run", new SvgChart("chart_power", "average power over the run", RUN_TIME,
            new Axis("power", DisplayUnit.POWER)).line("chart_power_line", "power, all components, before PUE",
            PALETTE[0], timeline.times(), timeline.powerWatts()));
        section(html, "Throughput over the run", new SvgChart("chart_throughput", "training throughput over the run",
            RUN_TIME, new Axis("throughput", DisplayUnit.STEPS_PER_SECOND)).line("chart_throughput_line",
            "training throughput", PALETTE[1], timeline.times(), timeline.stepsPerSecond()));
        section(html, "Each method's forecast against the final total", forecasts(last, checkpoints));
        html.append("</div>\n");
        table(html, checkpoints);
        html.append("<p class=\"note\">Forecasts are of the devices' energy before PUE, as measured. CO2e is that "
            + "energy times PUE times the grid intensity, one factor over the run, so each method's CO2e error equals "
            + "its energy error. Written by <code>report --html</code> from ").append(run.sampleCount())
            .append(" samples.</p>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static SvgChart forecasts(LedgerSample last, List<Backtest.Checkpoint> checkpoints) {
        double[] progress = checkpoints.stream().mapToDouble(Backtest.Checkpoint::progress).toArray();
        SvgChart chart = new SvgChart("chart_forecasts", "each method's forecast of the total energy at each "
            + "checkpoint", new Axis("progress when forecast", DisplayUnit.PERCENT), ENERGY);
        chart.band("chart_forecasts_live_band", "live 90% band", LIVE, progress,
                values(checkpoints, c -> c.live().map(Range::low)),
                values(checkpoints, c -> c.live().map(Range::high)))
            .line("chart_forecasts_live", "live forecast", LIVE, progress,
                values(checkpoints, c -> c.live().map(Range::expected)));
        Baseline[] baselines = Baseline.values();
        for (int i = 0; i < baselines.length; i++) {
            Baseline baseline = baselines[i];
            chart.dashedLine("chart_forecasts_" + baseline.name().toLowerCase(Locale.ROOT), baseline.label(),
                PALETTE[i % PALETTE.length], progress, values(checkpoints, c -> c.baseline(baseline)));
        }
        if (checkpoints.stream().anyMatch(c -> c.apriori().isPresent())) {
            chart.dashedLine("chart_forecasts_apriori", "a-priori", APRIORI, progress, values(checkpoints,
                BacktestReport::apriori));
        }
        return chart.level("chart_forecasts_final", "final total", FINAL, last.energyJoules().total());
    }

    private static void table(StringBuilder html, List<Backtest.Checkpoint> checkpoints) {
        html.append("<section><table id=\"checkpoints\"><thead><tr><th>progress</th><th>live forecast</th>"
            + "<th>90% band</th><th>error</th>");
        for (Baseline baseline : Baseline.values()) {
            html.append("<th>").append(Markup.escape(baseline.label())).append("</th>");
        }
        html.append("<th>a-priori</th></tr></thead><tbody>");
        for (Backtest.Checkpoint c : checkpoints) {
            html.append("<tr><td>").append(DisplayUnit.PERCENT.format(c.progress())).append("</td><td>")
                .append(c.live().map(r -> DisplayUnit.ENERGY.format(r.expected())).orElse("n/a")).append("</td><td>")
                .append(c.live().map(r -> DisplayUnit.ENERGY.format(r.low()) + " &ndash; "
                    + DisplayUnit.ENERGY.format(r.high())).orElse("n/a")).append("</td><td>")
                .append(c.liveError().map(BacktestReport::percent).orElse("&ndash;")).append("</td>");
            for (Baseline baseline : Baseline.values()) {
                cell(html, c.baseline(baseline), c.baselineError(baseline));
            }
            cell(html, BacktestReport.apriori(c), c.aprioriError());
            html.append("</tr>");
        }
        html.append("</tbody></table></section>\n");
    }

    /** A method's forecast energy with its error against the final total. */
    private static void cell(StringBuilder html, Optional<Double> joules, Optional<Double> error) {
        html.append("<td>").append(joules.map(j -> DisplayUnit.ENERGY.format(j) + " ("
            + BacktestReport.percent(error.orElseThrow()) + ")").orElse("n/a")).append("</td>");
    }

    private static double[] values(List<Backtest.Checkpoint> checkpoints,
            Function<Backtest.Checkpoint, Optional<Double>> value) {
        return checkpoints.stream().mapToDouble(c -> value.apply(c).orElse(Double.NaN)).toArray();
    }

    private static void card(StringBuilder html, String label, String id, String value) {
        html.append("<div class=\"card\"><div class=\"label\">").append(label).append("</div><div class=\"big\" id=\"")
            .append(id).append("\">").append(Markup.escape(value)).append("</div></div>");
    }

    private static void section(StringBuilder html, String heading, SvgChart chart) {
        html.append("<section><h2>").append(Markup.escape(heading)).append("</h2>").append(chart.svg())
            .append("</section>\n");
    }
}
