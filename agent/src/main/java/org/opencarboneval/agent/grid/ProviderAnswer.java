package org.opencarboneval.agent.grid;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.opencarboneval.calibration.grid.IntensityTimeline;

/**
 * What one poll of a provider gave: the intensity over time (past values it reported, the one for now, its
 * forecast) and the slots for which it reported both a forecast and the actual value, to judge its forecasts by.
 * {@code lacking} says what a poll that was only partly answered lacks and why, e.g. "its forecast (HTTP 500)": what
 * it did get is still used, and the failure counted.
 */
public record ProviderAnswer(IntensityTimeline timeline, List<Checked> checked, Optional<String> lacking) {

    public ProviderAnswer {
        checked = List.copyOf(checked);
    }

    public static ProviderAnswer of(IntensityTimeline timeline) {
        return new ProviderAnswer(timeline, List.of(), Optional.empty());
    }

    /** A slot's forecast and its actual value, both in g/kWh. */
    public record Checked(Instant slot, double forecastGramsPerKwh, double actualGramsPerKwh) {
    }
}
