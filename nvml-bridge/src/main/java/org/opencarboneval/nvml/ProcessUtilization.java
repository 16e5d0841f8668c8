package org.opencarboneval.nvml;

/** One per-process utilization sample: SM and memory percent of the device at {@code timeStampMicros}. */
public record ProcessUtilization(long pid, long timeStampMicros, int smPercent, int memoryPercent) {
}
