package org.opencarboneval.agent.runtime;

import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.nvml.NvmlOptions;

/** Chooses the power meter for the run: the NVML and host bridge, with the configured NVML library. */
final class PowerMeters {

    private PowerMeters() {
    }

    static PowerMeter open(AgentSettings settings) {
        return BridgePowerMeter.open(NvmlOptions.defaults().withLibraryPath(settings.nvmlLibrary()));
    }
}
