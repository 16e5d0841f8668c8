package org.opencarboneval.agent.runtime;

import java.util.List;

/**
 * What the power sensors say at one moment: power per component and energy per component, cumulative since the meter
 * was opened (so a missed sample loses nothing), plus the per-GPU detail.
 */
public record PowerReading(Components powerWatts, Components energyJoules, List<GpuState> gpus) {

    public static final PowerReading NONE = new PowerReading(Components.ZERO, Components.ZERO, List.of());
}
