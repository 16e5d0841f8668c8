package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live status page in a real browser, on a real training: every figure it shows is the number {@code /metrics}
 * serves. The agent samples every 2 s, so each set of numbers lives that long; the test scrapes 10 times a second
 * while the browser works, and one of those scrapes must hold exactly the page's numbers.
 */
@Timeout(300)
class StatusPageIT {

    private static final String RUN_ID = "e2e-status-page";
    /** A page element carrying the series it shows; the value attribute is written only once it has a value. */
    private static final Pattern FIGURE = Pattern.compile("<[^>]*\\sdata-metric=\"([^\"]*)\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("\\sdata-value=\"([^\"]*)\"");
    private static final Pattern SUM = Pattern.compile("sum\\((\\w+)\\)");
    private static final Pattern SERIES = Pattern.compile("(\\w+)(?:\\{(\\w+)=\"(\\w+)\"})?");

    @Test
    void showsTheNumbersOfMetricsAndTakesAScreenshot() throws Exception {
        Chromium chromium = Chromium.required();
        try (MonitoredRun run = MonitoredRun.start(RUN_ID, "interval=2")) {
            run.awaitScrape(s -> s.has("oce_forecast_remaining_seconds"), "the forecast");

            List<Scrape> scrapes = Collections.synchronizedList(new ArrayList<>());
            ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
            scraper.scheduleWithFixedDelay(() -> {
                try {
                    scrapes.add(run.scrape());
                } catch (Exception missed) {
                    // one scrape fewer to compare with; a throw would end the schedule
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            String dom;
            try {
                dom = chromium.dumpDom(run.baseUrl(), "status-page-dom");
            } finally {
                scraper.shutdownNow();
                scraper.awaitTermination(10, TimeUnit.SECONDS);
            }

            assertTrue(dom.contains("<body data-loaded=\"true\">"), "the page got its data:\n" + dom);
            assertTrue(dom.contains(">" + RUN_ID + "<"), "the page names the run");
            assertEquals(2, count(dom, "<td>NVIDIA H100 80GB HBM3</td>"), "a table row per GPU");
            List<Figure> figures = figures(dom);
            assertEquals(15, figures.size(), "every figure has a value, the forecast's too: " + figures);
            List<Scrape> seen = List.copyOf(scrapes);
            if (seen.stream().noneMatch(scrape -> figures.stream().allMatch(figure -> figure.shownBy(scrape)))) {
                fail("no scrape while the page loaded has its numbers " + figures + "; the last scrape:\n"
                    + (seen.isEmpty() ? "none" : seen.get(seen.size() - 1).text()));
            }

            assertChartAndProgress(dom);

            Path png = TrainingJvm.workFile("status-page.png");
            chromium.screenshot(run.baseUrl(), "status-page-screenshot", png);
            assertTrue(Files.size(png) > 10_000, "a screenshot of a rendered page, not a blank one");
        }
    }

    /**
     * The CO2e chart the agent drew, placed by the page: a line of what was measured, the forecast's band and line to
     * the ETA, axes that name their units; the progress bar filled as far as the progress shown; energy in a unit that
     * suits it, never a string of zeros.
     */
    private static void assertChartAndProgress(String dom) {
        for (String id : List.of("chart_co2e_so_far", "chart_co2e_band", "chart_co2e_forecast", "chart_power_line",
                "chart_throughput_line")) {
            Matcher path = Pattern.compile("<path id=\"" + id + "\"[^>]*\\sd=\"([^\"]+)\"").matcher(dom);
            assertTrue(path.find(), "the chart's path " + id + " is on the page:\n" + dom);
            assertTrue(path.group(1).contains("L"), id + " joins two points at least: " + path.group(1));
        }
        assertTrue(dom.contains("<circle id=\"chart_co2e_now\""), "where the run is now is marked");
        assertTrue(Pattern.compile(">CO2e \\((mg|g|kg)\\)<").matcher(dom).find(), "the CO2e axis names its unit");
        assertTrue(Pattern.compile(">run time \\((s|min|h)\\)<").matcher(dom).find(), "the time axis too");

        Matcher progress = Pattern.compile("id=\"progress\"[^>]*data-value=\"([^\"]+)\"").matcher(dom);
        Matcher fill = Pattern.compile("id=\"progress_bar\" style=\"width: ([0-9.]+)%;\"").matcher(dom);
        assertTrue(progress.find() && fill.find(), "the progress and its bar are on the page:\n" + dom);
        double ratio = Double.parseDouble(progress.group(1));
        assertTrue(ratio > 0.01, "the run is under way: " + ratio);
        assertEquals(ratio * 100, Double.parseDouble(fill.group(1)), 1e-3, "the bar is filled as far as the progress");

        Matcher energy = Pattern.compile("id=\"energy\"[^>]*data-value=\"([^\"]+)\"[^>]*>([0-9.]+) (mWh|Wh|kWh)<")
            .matcher(dom);
        assertTrue(energy.find(), "the energy is shown with a unit:\n" + dom);
        double joules = Double.parseDouble(energy.group(1));
        double shown = Double.parseDouble(energy.group(2));
        double unit = Map.of("mWh", 3.6, "Wh", 3600.0, "kWh", 3.6e6).get(energy.group(3));
        assertTrue(shown >= 1 || joules < 3.6, "the unit suits the size: " + energy.group());
        assertEquals(joules / unit, shown, 0.01 * shown, "the energy shown is the energy measured");
    }

    /** Every figure on the page with its series (the page's {@code data-metric}) and the number it shows. */
    private static List<Figure> figures(String dom) {
        List<Figure> figures = new ArrayList<>();
        Matcher element = FIGURE.matcher(dom);
        while (element.find()) {
            String metric = element.group(1).replace("&quot;", "\"");
            Matcher value = VALUE.matcher(element.group());
            if (value.find()) {
                figures.add(new Figure(metric, Double.parseDouble(value.group(1))));
            }
        }
        return figures;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** @param metric a series ({@code name} or {@code name{label="value"}}), or {@code sum(name)} over its series */
    record Figure(String metric, double shown) {

        boolean shownBy(Scrape scrape) {
            Matcher sum = SUM.matcher(metric);
            if (sum.matches()) {
                // the page's total adds the components in another order than this sum: allow for rounding
                double expected = scrape.sum(sum.group(1));
                return Math.abs(shown - expected) <= 1e-12 * Math.abs(expected);
            }
            Matcher series = SERIES.matcher(metric);
            if (!series.matches()) {
                throw new AssertionError("a figure of an unknown kind: " + metric);
            }
            if (!scrape.has(series.group(1))) {
                return false;
            }
            return series.group(2) == null ? shown == scrape.value(series.group(1))
                : shown == scrape.value(series.group(1), series.group(2), series.group(3));
        }
    }
}
