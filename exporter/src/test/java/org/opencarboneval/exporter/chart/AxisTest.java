package org.opencarboneval.exporter.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class AxisTest {

    private static List<String> labels(Axis.Layout layout) {
        return layout.ticks().stream().map(Axis.Tick::label).toList();
    }

    @Test
    void amountsStartAtZeroAndEndOnARoundTickInOneUnit() {
        Axis.Layout layout = new Axis("energy", DisplayUnit.ENERGY).layout(0, 4_100, true, 200, 0);
        assertEquals("Wh", layout.scale().symbol());
        assertEquals(List.of("0.0", "0.5", "1.0", "1.5"), labels(layout));
        assertEquals(1.5 * 3600, layout.max(), 1e-9, "the axis ends on its last tick");
        assertEquals(200, layout.pixel(0), 1e-9);
        assertEquals(0, layout.pixel(layout.max()), 1e-9);
    }

    @Test
    void timeSpansTheDataAndLabelsInMinutesOnceItIsLong() {
        Axis.Layout layout = new Axis("run time", DisplayUnit.DURATION).layout(30, 1_230, false, 0, 100);
        assertEquals("min", layout.scale().symbol());
        assertEquals(List.of("5", "10", "15", "20"), labels(layout), "round minutes inside 0.5 to 20.5 min");
        assertEquals(0, layout.pixel(30), 1e-9);
        assertEquals(100, layout.pixel(1_230), 1e-9);
    }

    @Test
    void aSinglePointStillGetsAnAxis() {
        Axis.Layout layout = new Axis("CO2e", DisplayUnit.MASS).layout(0, 0, true, 100, 0);
        assertEquals(false, layout.ticks().isEmpty());
        assertEquals(100, layout.pixel(0), 1e-9);
    }
}
