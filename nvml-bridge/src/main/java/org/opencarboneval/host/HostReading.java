package org.opencarboneval.host;

/**
 * One sample of the host's CPU and memory. Energies are cumulative since the sampler opened; {@code cpuMeasured}
 * and {@code dramMeasured} say whether they come from RAPL counters or from the documented estimates.
 */
public record HostReading(String cpuModel, int logicalCores, double systemCpuLoad, double processCpuLoad,
    double cpuPowerWatts, double cpuEnergyJoules, boolean cpuMeasured,
    double dramPowerWatts, double dramEnergyJoules, boolean dramMeasured) {
}
