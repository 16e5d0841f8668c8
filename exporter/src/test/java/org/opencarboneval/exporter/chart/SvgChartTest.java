package org.opencarboneval.exporter.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class SvgChartTest {

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static SvgChart chart() {
        return new SvgChart("c", "energy <so far> & more", new Axis("run time", DisplayUnit.DURATION),
            new Axis("energy", DisplayUnit.ENERGY));
    }

    @Test
    void drawsWellFormedSvgWithAxesInReadableUnits() throws Exception {
        String svg = chart()
            .line("c_line", "measured", "#000", new double[] {0, 60, 120}, new double[] {0, 1800, 3600})
            .band("c_band", "band", "#f00", new double[] {120, 240}, new double[] {3600, 6000},
                new double[] {3600, 8000})
            .level("c_final", "final", "#00f", 7000)
            .svg();
        Document doc = parse(svg);
        // x: 0..240 s over pixels 64..624; y: 0..2.5 Wh (9000 J, the tick above 8000 J) over pixels 213..23
        assertEquals("M64.0 213.0L204.0 175.0L344.0 137.0", byId(doc, "c_line").getAttribute("d"));
        assertTrue(byId(doc, "c_band").getAttribute("d").endsWith("Z"), "a closed band");
        assertTrue(svg.contains(">energy (Wh)<"), "the y axis names its unit, chosen for up to 8000 J: " + svg);
        assertTrue(svg.contains(">run time (min)<"), "the x axis too");
        assertTrue(svg.contains("energy &lt;so far&gt; &amp; more"), "the title is escaped text");
    }

    @Test
    void breaksLinesAtMissingValuesAndDotsASinglePoint() throws Exception {
        Document doc = parse(chart()
            .line("c_gap", "gap", "#000", new double[] {0, 1, 2, 3}, new double[] {1, Double.NaN, 2, 3})
            .line("c_dot", "dot", "#000", new double[] {1}, new double[] {5})
            .svg());
        String d = byId(doc, "c_gap").getAttribute("d");
        assertFalse(d.contains("NaN"), d);
        assertEquals(2, d.chars().filter(c -> c == 'M').count(), "the line starts again after the gap: " + d);
        assertEquals(1, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").getLength());
    }

    @Test
    void aBandSkipsWhereABoundIsUnknown() throws Exception {
        Document doc = parse(chart().band("c_band", "band", "#f00", new double[] {0, 1, 2},
            new double[] {Double.NaN, 1, 1}, new double[] {Double.NaN, 3, 4})
            .level("c_none", "none", "#000", Double.NaN).svg());
        String d = byId(doc, "c_band").getAttribute("d");
        assertEquals(4, d.split("[ML]").length - 1, "two known points, each with both bounds: " + d);
        assertFalse(d.contains("NaN"), d);
    }

    @Test
    void saysNoDataRatherThanDrawEmptyAxes() throws Exception {
        String svg = chart().line("c_none", "none", "#000", new double[0], new double[0]).svg();
        parse(svg);
        assertTrue(svg.contains("no data yet"));
        assertFalse(svg.contains("c_none"));
    }

    @Test
    void wrapsALongLegend() throws Exception {
        SvgChart chart = chart();
        for (String name : List.of("live forecast", "live 90% band", "last rate", "mean rate", "linear fit",
                "a-priori estimate", "final total")) {
            chart.line("c_" + name.replace(' ', '_'), name, "#000", new double[] {0, 1}, new double[] {1, 2});
        }
        Document doc = parse(chart.svg());
        String viewBox = doc.getDocumentElement().getAttribute("viewBox");
        assertEquals("0 0 640 268", viewBox, "two legend rows make the chart 15 px taller than one (253)");
    }

    private static Element byId(Document doc, String id) {
        var paths = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            if (path.getAttribute("id").equals(id)) {
                return path;
            }
        }
        throw new AssertionError("no path " + id);
    }
}
