package org.opencarboneval.agent.grid;

import java.util.Locale;

/**
 * Where the intensity in force comes from: a provider's measured or estimated value for now ({@code live}), a
 * provider's forecast for now ({@code forecast}), the yearly table or {@code ci} setting ({@code table}), or the
 * user's {@code intensity.file} ({@code file}). The metrics' {@code source} label is the lower-case name.
 */
public enum IntensitySource {
    LIVE, FORECAST, TABLE, FILE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
