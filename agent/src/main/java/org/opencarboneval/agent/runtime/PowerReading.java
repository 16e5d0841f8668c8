package org.opencarboneval.agent.runtime;

import java.util.List;

/**
 * What the power sensors say at one moment: power per component, the energy per component added since the
 * previous reading (never negative, each joule in exactly one reading), and the per-GPU detail, whose energies are
 * cumulative.
 */
public record PowerReading(Components powerWatts, Components addedJoules, List<GpuState> gpus) {

    public static final PowerReading NONE = new PowerReading(Components.ZERO, Components.ZERO, List.of());

    /** The GPUs charged to this process now: the sum of their shares. */
    public double chargedGpus() {
        return gpus.stream().mapToDouble(GpuState::processShare).sum();
    }
}
