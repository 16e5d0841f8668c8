package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

            Path png = TrainingJvm.workFile("status-page.png");
            chromium.screenshot(run.baseUrl(), "status-page-screenshot", png);
            assertTrue(Files.size(png) > 10_000, "a screenshot of a rendered page, not a blank one");
        }
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
