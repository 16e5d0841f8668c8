package org.opencarboneval.agent.grid;

import java.time.Duration;
import java.time.Instant;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.opencarboneval.calibration.grid.IntensityTimeline;

/**
 * What one poll of a provider gave: the intensity over time (past values it reported, the one for now, its
 * forecast) and the slots for which it reported both a forecast and the actual value, to judge its forecasts by.
 * {@code lacking} is the part of a poll answered only in part that failed: what it did get is still used, and the
 * failure counted and backed off from as any other.
 */
public record ProviderAnswer(IntensityTimeline timeline, List<Checked> checked, Optional<Lacking> lacking) {

    public ProviderAnswer {
        checked = List.copyOf(checked);
    }

    public static ProviderAnswer of(IntensityTimeline timeline) {
        return new ProviderAnswer(timeline, List.of(), Optional.empty());
    }

    /**
     * Whether it says what the grid is at {@code now}: an answer of none (an empty list, a region without slots, only
     * slots ahead) would put the run on the table's value as if all were well.
     */
    public boolean answersFor(Instant now) {
        return timeline.at(now).isPresent();
    }

    /** The part a poll lacks, e.g. "its forecast (... HTTP 500 ...)", and the wait its provider asked for. */
    public record Lacking(String what, Optional<Duration> retryAfter) {

        static Lacking of(String part, IntensityException failure) {
            return new Lacking(part + " (" + failure.getMessage() + ")", failure.retryAfter());
        }
    }

    /** A slot's forecast and its actual value, both in g/kWh. */
    public record Checked(Instant slot, double forecastGramsPerKwh, double actualGramsPerKwh) {
    }
}
