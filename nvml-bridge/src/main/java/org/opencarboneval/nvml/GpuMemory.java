package org.opencarboneval.nvml;

/** Device memory in bytes. */
public record GpuMemory(long totalBytes, long freeBytes, long usedBytes) {
}
