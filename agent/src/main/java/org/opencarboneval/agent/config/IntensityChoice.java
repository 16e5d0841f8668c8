package org.opencarboneval.agent.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The values of {@code intensity=}: where the grid intensity comes from over the run. */
public enum IntensityChoice {
    TABLE, FILE, ELECTRICITYMAPS, WATTTIME, UK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<IntensityChoice> named(String value) {
        return Arrays.stream(values()).filter(c -> c.label().equals(value.strip().toLowerCase(Locale.ROOT)))
            .findFirst();
    }
}
