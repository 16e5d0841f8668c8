package org.opencarboneval.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class StatusChartsTest {

    private MetricsExporter exporter;

    @AfterEach
    void stop() {
        if (exporter != null) {
            exporter.close();
        }
    }

    private static Document parse(String fragment) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new InputSource(new StringReader("<div>" + fragment + "</div>")));
    }

    private static Element path(Document doc, String id) {
        NodeList paths = doc.getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            if (path.getAttribute("id").equals(id)) {
                return path;
            }
        }
        throw new AssertionError("no path " + id);
    }

    /** The x of a path's last point. */
    private static double lastX(String d) {
        String[] points = d.replace("Z", "").split("[ML]");
        return Double.parseDouble(points[points.length - 1].trim().split(" ")[0]);
    }

    @Test
    void theCo2eChartReachesTheEtaWithTheForecastBand() throws Exception {
        StatusHistory history = new StatusHistory(16);
        for (int i = 0; i < 5; i++) {
            history.add(TestRuns.later(TestRuns.base(), i * 10, 300));
        }
        RunView now = TestRuns.withForecast(TestRuns.later(TestRuns.base(), 40, 300), TestRuns.FORECAST);
        Document doc = parse(StatusCharts.html(now, history.points()));

        double soFarEnd = lastX(path(doc, "chart_co2e_so_far").getAttribute("d"));
        double forecastEnd = lastX(path(doc, "chart_co2e_forecast").getAttribute("d"));
        assertEquals(624, forecastEnd, 1e-9, "the forecast reaches the right edge: the ETA is the chart's end");
        assertTrue(soFarEnd < 100, "101.5 s of 3827 s so far sits near the left edge: " + soFarEnd);
        assertTrue(path(doc, "chart_co2e_band").getAttribute("d").endsWith("Z"));
        Element marker = (Element) doc.getElementsByTagName("circle").item(0);
        assertEquals("chart_co2e_now", marker.getAttribute("id"), "where the run is now is marked");
        assertEquals(soFarEnd, Double.parseDouble(marker.getAttribute("cx")), 1e-9, "at the end of what was measured");
        String text = doc.getDocumentElement().getTextContent();
        assertTrue(text.contains("CO2e (kg)"), "up to 6.1 kg of CO2e reads in kg: " + text);
        assertTrue(text.contains("run time (h)"), "an hour-long run reads in hours");
        assertTrue(text.contains("power (W)") && text.contains("throughput (steps/s)"));
    }

    @Test
    void withoutAForecastTheChartShowsWhatWasMeasured() throws Exception {
        StatusHistory history = new StatusHistory(16);
        history.add(TestRuns.base());
        history.add(TestRuns.later(TestRuns.base(), 10, 300));
        String html = StatusCharts.html(TestRuns.base(), history.points());
        parse(html);
        assertTrue(html.contains("id=\"chart_co2e_so_far\""));
        assertFalse(html.contains("chart_co2e_band"));
    }

    @Test
    void theEndpointServesTheCharts() throws Exception {
        StartResult result = MetricsExporter.start(ExporterOptions.plain("127.0.0.1", 0),
            () -> TestRuns.withForecast(TestRuns.base(), TestRuns.FORECAST), line -> { });
        StartResult.Started started = (StartResult.Started) result;
        exporter = started.running();
        HttpResponse<String> response = Http.get(started.baseUrl().resolve("charts.html"));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains("id=\"chart_co2e_band\""), response.body());
    }
}
