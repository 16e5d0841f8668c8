package org.opencarboneval.agent.runtime;

import java.util.function.Consumer;

import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.nvml.NvmlOptions;

/** Chooses the power meter for the run: the NVML and host bridge, with the configured NVML library. */
final class PowerMeters {

    private PowerMeters() {
    }

    /** {@code errors} counts sensor failures; {@code warnings} hears of GPUs lost mid-run, once each. */
    static PowerMeter open(AgentSettings settings, AgentErrors errors, Consumer<String> warnings) {
        return BridgePowerMeter.open(NvmlOptions.defaults().withLibraryPath(settings.nvmlLibrary()), errors, warnings);
    }
}
