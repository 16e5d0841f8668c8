package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencarboneval.e2e.TrainingJvm.DL4J;
import static org.opencarboneval.e2e.TrainingJvm.DL4J_MAIN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code report LEDGER --html FILE} on the ledger of a real training with the NVML stand-in's two GPUs, opened in a
 * real browser from the file alone: the charts of power, throughput and each method's forecast are drawn, and the
 * page fetches nothing.
 */
@Timeout(300)
class ReportHtmlIT {

    @Test
    void theReportPageShowsTheRunInABrowser() throws Exception {
        Path ledger = TrainingJvm.freshWorkFile("report-html.jsonl");
        Path page = TrainingJvm.freshWorkFile("report-html.html");
        NvmlStandIn nvml = NvmlStandIn.twoGpus();
        TrainingJvm training = TrainingJvm.startExample("report-html-training", DL4J, DL4J_MAIN, "ledger=" + ledger
            + ",run_id=report-html,interval=0.2,console=false," + nvml.agentArgument(), nvml.environment(),
            TrainingJvm.forecastedTraining());
        assertEquals(0, training.finish(), training.stderr());

        TrainingJvm report = TrainingJvm.startCli("report-html-cli", "report", ledger.toString(), "--html",
            page.toString());
        assertEquals(0, report.finish(), report.stderr());
        String file = Files.readString(page);
        for (String external : List.of("<script", " src=", "href=", "url(", "@import")) {
            assertFalse(file.contains(external), "the page loads and runs nothing: " + external);
        }

        Chromium chromium = Chromium.required();
        String dom = chromium.dumpDom(page.toUri(), "report-html-dom");
        for (String id : List.of("chart_power_line", "chart_throughput_line", "chart_forecasts_live")) {
            assertTrue(pathOf(dom, id).contains("L"), id + " joins points: " + pathOf(dom, id));
        }
        assertTrue(pathOf(dom, "chart_forecasts_final").contains("H"), "the final total is a level across");
        long samples = Files.readAllLines(ledger).stream().filter(l -> l.contains("\"type\":\"sample\"")).count();
        // a point per sample, but where two samples end within one of the chart's 400 spans (a late tick and the
        // one that catches up, on a loaded machine): they are one point
        assertTrue(samples >= 5 && count(pathOf(dom, "chart_power_line"), 'L') >= samples * 4 / 5,
            "power over the run, a point per sample (" + samples + "): " + pathOf(dom, "chart_power_line"));
        assertEquals(6, dom.split("<tr><td>", -1).length - 1, "a row per checkpoint, 5 to 80 %");
        // the stand-in's GPUs draw 250 W and 150 W: the power axis reaches 400 W at least
        Matcher ticks = Pattern.compile(">(\\d+)</text>").matcher(section(dom, "chart_power", "chart_throughput"));
        int top = 0;
        while (ticks.find()) {
            top = Math.max(top, Integer.parseInt(ticks.group(1)));
        }
        assertTrue(top >= 400, "the power axis reaches the GPUs' 400 W: " + top);
        assertTrue(Pattern.compile("id=\"energy\">[0-9.]+ (mWh|Wh|kWh)<").matcher(dom).find(), "energy with a unit");

        Path png = TrainingJvm.workFile("report-html.png");
        chromium.screenshot(page.toUri(), "report-html-screenshot", png, 1400);
        assertTrue(Files.size(png) > 10_000, "a screenshot of a rendered page, not a blank one");
    }

    private static String pathOf(String dom, String id) {
        Matcher path = Pattern.compile("<path id=\"" + id + "\"[^>]*\\sd=\"([^\"]+)\"").matcher(dom);
        assertTrue(path.find(), id + " is drawn:\n" + dom);
        return path.group(1);
    }

    private static String section(String dom, String fromId, String toId) {
        return dom.substring(dom.indexOf("id=\"" + fromId + "\""), dom.indexOf("id=\"" + toId + "\""));
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
