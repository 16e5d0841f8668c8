package org.opencarboneval.exporter.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of a chart: what it shows ({@code title}, {@code unit}) and, once the data's range is known, about five
 * ticks at round numbers (1, 2 or 5 times a power of ten) in one unit chosen for the range's size.
 */
public record Axis(String title, DisplayUnit unit) {

    /** A tick: where it sits, in the base unit, and its label. */
    record Tick(double value, String label) {
    }

    /** The axis laid out over a range of values in the base unit and drawn from pixel {@code from} to {@code to}. */
    record Layout(double min, double max, DisplayUnit.Scale scale, List<Tick> ticks, double from, double to) {

        double pixel(double value) {
            return from + (value - min) / (max - min) * (to - from);
        }
    }

    private static final int TICKS = 5;

    /**
     * Ticks covering {@code low..high}; with {@code fromZero} the axis starts at 0 and ends on a tick (amounts),
     * otherwise it spans the data exactly (time).
     */
    Layout layout(double low, double high, boolean fromZero, double from, double to) {
        double min = fromZero ? Math.min(0, low) : low;
        double max = high > min ? high : min + 1;
        DisplayUnit.Scale scale = unit.scaleFor(Math.max(Math.abs(min), Math.abs(max)));
        double step = roundStep(scale.of(max - min) / TICKS);
        double first = Math.ceil(scale.of(min) / step - 1e-9) * step;
        if (fromZero) {
            max = Math.ceil(scale.of(max) / step - 1e-9) * step * scale.factor();
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; (first + i * step) * scale.factor() <= max + 1e-9 * Math.abs(max); i++) {
            double t = first + i * step;
            ticks.add(new Tick(t * scale.factor(), String.format(Locale.ROOT, "%." + decimals + "f", t)));
        }
        return new Layout(min, max, scale, ticks, from, to);
    }

    /** The round number (1, 2 or 5 times a power of ten) at or above {@code raw}. */
    private static double roundStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double multiple : new double[] {1, 2, 5}) {
            if (multiple * power >= raw * (1 - 1e-9)) {
                return multiple * power;
            }
        }
        return 10 * power;
    }
}
