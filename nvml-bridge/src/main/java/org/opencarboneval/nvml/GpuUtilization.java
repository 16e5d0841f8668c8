package org.opencarboneval.nvml;

/** Device utilization in percent over NVML's last sample period. */
public record GpuUtilization(int gpuPercent, int memoryPercent) {
}
