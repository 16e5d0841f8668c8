package org.opencarboneval.exporter.chart;

import java.util.List;
import java.util.Locale;

/**
 * A quantity shown to people in the unit that suits its size: 0.4 mWh, 12.5 Wh or 3.20 kWh rather than "0.000 kWh".
 * Each constant takes values in one base unit (joules, grams, watts, seconds, steps per second, a ratio) and offers
 * the units to show them in, smallest first.
 */
public enum DisplayUnit {

    /** Joules shown as watt-hours: 1 Wh = 3600 J. */
    ENERGY(List.of(new Scale("mWh", 3.6), new Scale("Wh", 3600), new Scale("kWh", 3.6e6),
        new Scale("MWh", 3.6e9))),
    /** Grams of CO2e. */
    MASS(List.of(new Scale("mg", 1e-3), new Scale("g", 1), new Scale("kg", 1e3), new Scale("t", 1e6))),
    POWER(List.of(new Scale("mW", 1e-3), new Scale("W", 1), new Scale("kW", 1e3), new Scale("MW", 1e6))),
    DURATION(List.of(new Scale("s", 1), new Scale("min", 60), new Scale("h", 3600), new Scale("d", 86400))),
    STEPS_PER_SECOND(List.of(new Scale("steps/s", 1))),
    /** A ratio 0..1 shown as a percentage. */
    PERCENT(List.of(new Scale("%", 0.01)));

    /** One unit to show values in: {@code value / factor} of them. */
    public record Scale(String symbol, double factor) {

        public double of(double value) {
            return value / factor;
        }
    }

    private final List<Scale> scales;

    DisplayUnit(List<Scale> scales) {
        this.scales = scales;
    }

    /** The largest unit in which {@code magnitude} is at least 1, else the smallest. */
    public Scale scaleFor(double magnitude) {
        double size = Math.abs(magnitude);
        Scale chosen = scales.get(0);
        for (Scale scale : scales) {
            if (size >= scale.factor()) {
                chosen = scale;
            }
        }
        return chosen;
    }

    /** The value with three significant digits (two decimals below 10) in the unit that suits it. */
    public String format(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        Scale scale = scaleFor(value);
        double shown = scale.of(value);
        double size = Math.abs(shown);
        String digits = size >= 100 || shown == 0 ? "%.0f" : size >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, digits, shown) + " " + scale.symbol();
    }
}
