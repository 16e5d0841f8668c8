package org.opencarboneval.nvml;

/** A compute process NVML lists on a device, with the device memory it holds. */
public record GpuProcess(long pid, long usedGpuMemoryBytes) {
}
