package org.opencarboneval.nvml;

/**
 * One sample of one monitored GPU. Values NVML could not give are NaN (or -1 for byte counts).
 *
 * @param energyJoules   cumulative since the sampler opened; frozen once the GPU is lost
 * @param processShare   the monitored process's share of the device (0..1); 1 when nobody else uses it, 0 when
 *                       only others do, or nobody does while the process uses another GPU
 * @param lost           the GPU fell off the bus or needs a reset; it is no longer queried
 */
public record GpuReading(int index, String uuid, String name, double powerWatts, double energyJoules,
    double utilizationGpu, double utilizationMemory, long memoryUsedBytes, long memoryTotalBytes,
    double temperatureCelsius, EnergyMethod energyMethod, double processShare, boolean lost) {
}
