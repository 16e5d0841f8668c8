package org.opencarboneval.nvml;

/** How a device's energy is obtained. */
public enum EnergyMethod {
    /** Deltas of the driver's cumulative counter (nvmlDeviceGetTotalEnergyConsumption, Volta and newer). */
    ENERGY_COUNTER,
    /** Power readings integrated over time (trapezoid rule), where the counter is not supported. */
    POWER_INTEGRATION,
    /** Neither counter nor power readings are available. */
    UNAVAILABLE
}
