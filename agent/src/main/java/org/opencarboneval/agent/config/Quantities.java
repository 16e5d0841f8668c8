package org.opencarboneval.agent.config;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Budgets as users write them: a number and its unit, with or without a space ({@code 5kg}, {@code 1.5 MWh}). */
final class Quantities {

    private static final Pattern AMOUNT = Pattern.compile("\\+?([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([a-zA-Z]+)");
    private static final Map<String, Double> GRAMS = Map.of("g", 1.0, "kg", 1e3, "t", 1e6);
    private static final Map<String, Double> JOULES = Map.of("j", 1.0, "wh", 3.6e3, "kwh", 3.6e6, "mwh", 3.6e9);

    private Quantities() {
    }

    /** Grams, or empty when the text is not a positive mass in g, kg or t. */
    static OptionalDouble grams(String text) {
        return amount(text, GRAMS);
    }

    /** Joules, or empty when the text is not a positive energy in J, Wh, kWh or MWh (any case). */
    static OptionalDouble joules(String text) {
        return amount(text, JOULES);
    }

    private static OptionalDouble amount(String text, Map<String, Double> units) {
        Matcher amount = AMOUNT.matcher(text.strip());
        if (!amount.matches()) {
            return OptionalDouble.empty();
        }
        Double unit = units.get(amount.group(2).toLowerCase(Locale.ROOT));
        double value = Double.parseDouble(amount.group(1));
        return unit == null || !(value > 0) || !Double.isFinite(value * unit) ? OptionalDouble.empty()
            : OptionalDouble.of(value * unit);
    }
}
