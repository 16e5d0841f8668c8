package org.opencarboneval.exporter;

import org.opencarboneval.exporter.chart.Axis;
import org.opencarboneval.exporter.chart.DisplayUnit;
import org.opencarboneval.exporter.chart.SvgChart;

/**
 * The status page's charts, {@code /charts.html}: CO2e so far with the forecast's band reaching to the ETA, then power
 * and throughput over the run. Drawn here, with the chart piece {@code report --html} uses, so the page's script only
 * places them.
 */
final class StatusCharts {

    private static final String CO2E = "#1f4d2b";
    private static final String FORECAST = "#b07a12";
    private static final String POWER = "#c0462b";
    private static final String THROUGHPUT = "#2b6cc0";
    private static final Axis RUN_TIME = new Axis("run time", DisplayUnit.DURATION);

    private StatusCharts() {
    }

    /** An HTML fragment of inline SVG charts; before the run's first view, a line saying so. */
    static String html(RunView view, StatusHistory.Points history) {
        if (view == null) {
            return "<p>waiting for the first sample</p>";
        }
        return emissions(view, history).svg() + power(history).svg() + throughput(history).svg();
    }

    static SvgChart emissions(RunView view, StatusHistory.Points history) {
        SvgChart chart = new SvgChart("chart_co2e", "CO2e so far and the forecast to the end of the run", RUN_TIME,
            new Axis("CO2e", DisplayUnit.MASS))
            .line("chart_co2e_so_far", "CO2e so far", CO2E, history.elapsedSeconds(), history.emissionsGrams())
            .dot("chart_co2e_now", "now", CO2E, view.elapsedSeconds(), view.emissionsGrams());
        view.forecast().ifPresent(forecast -> {
            double[] now = {view.elapsedSeconds(), view.elapsedSeconds() + forecast.remainingSeconds()};
            RunView.Bounds total = forecast.totalEmissionsGrams();
            double soFar = view.emissionsGrams();
            chart.band("chart_co2e_band", "forecast band", FORECAST, now, new double[] {soFar, total.lower()},
                    new double[] {soFar, total.upper()})
                .dashedLine("chart_co2e_forecast", "forecast to the ETA", FORECAST, now,
                    new double[] {soFar, total.expected()});
        });
        return chart;
    }

    static SvgChart power(StatusHistory.Points history) {
        return new SvgChart("chart_power", "power over the run", RUN_TIME, new Axis("power", DisplayUnit.POWER))
            .line("chart_power_line", "power, all components", POWER, history.elapsedSeconds(),
                history.powerWatts());
    }

    static SvgChart throughput(StatusHistory.Points history) {
        return new SvgChart("chart_throughput", "throughput over the run", RUN_TIME,
            new Axis("throughput", DisplayUnit.STEPS_PER_SECOND))
            .line("chart_throughput_line", "training throughput", THROUGHPUT, history.elapsedSeconds(),
                history.stepsPerSecond());
    }
}
