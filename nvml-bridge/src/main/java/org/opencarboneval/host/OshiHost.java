package org.opencarboneval.host;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.util.GlobalConfig;

/**
 * CPU model, cores, loads and memory from OSHI. Loads are over the interval since the previous call; once open,
 * OSHI failures yield NaN or zero instead of an exception.
 */
final class OshiHost {

    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final OSProcess process;
    private final String cpuModel;
    private final int logicalCores;
    private final int physicalCores;
    private long[] lastTicks;
    private long lastProcessMillis;
    private long lastNanos;

    private OshiHost(CentralProcessor processor, GlobalMemory memory, OSProcess process, long nanos) {
        this.processor = processor;
        this.memory = memory;
        this.process = process;
        this.cpuModel = processor.getProcessorIdentifier().getName().strip();
        this.logicalCores = processor.getLogicalProcessorCount();
        this.physicalCores = processor.getPhysicalProcessorCount();
        this.lastTicks = processor.getSystemCpuLoadTicks();
        this.lastProcessMillis = processMillis();
        this.lastNanos = nanos;
    }

    /**
     * OSHI caches what it reads for 300 ms by default; the agent may sample faster (interval=0.25), and a cached tick
     * count makes every other load read 0. 10 ms keeps repeated reads within one sample cheap and nothing more.
     */
    private static final long CACHE_MILLIS = 10;

    /** Throws what OSHI throws on a platform it does not support or without its JNA platform classes. */
    static OshiHost open(long nanos) {
        GlobalConfig.set(GlobalConfig.OSHI_UTIL_MEMOIZER_EXPIRATION, CACHE_MILLIS);
        SystemInfo system = new SystemInfo();
        return new OshiHost(system.getHardware().getProcessor(), system.getHardware().getMemory(),
            system.getOperatingSystem().getProcess(system.getOperatingSystem().getProcessId()), nanos);
    }

    String cpuModel() {
        return cpuModel;
    }

    int logicalCores() {
        return logicalCores;
    }

    int physicalCores() {
        return physicalCores;
    }

    /** CPU load as a share (0..1) of all logical cores. */
    record Loads(double system, double process) {
    }

    /** The whole machine's and this process's CPU load since the previous call. */
    Loads loadsSinceLastCall(long nanos) {
        try {
            double system = processor.getSystemCpuLoadBetweenTicks(lastTicks);
            lastTicks = processor.getSystemCpuLoadTicks();
            long millis = processMillis();
            double elapsedMillis = (nanos - lastNanos) / 1e6;
            double own = elapsedMillis > 0 ? (millis - lastProcessMillis) / (elapsedMillis * logicalCores) : Double.NaN;
            lastProcessMillis = millis;
            lastNanos = nanos;
            return new Loads(system, Double.isFinite(own) ? Math.min(1, Math.max(0, own)) : Double.NaN);
        } catch (RuntimeException unreadable) {
            return new Loads(Double.NaN, Double.NaN);
        }
    }

    long totalMemoryBytes() {
        return memory.getTotal();
    }

    long usedMemoryBytes() {
        return memory.getTotal() - memory.getAvailable();
    }

    long processResidentBytes() {
        return process != null && process.updateAttributes() ? process.getResidentMemory() : 0;
    }

    private long processMillis() {
        return process != null && process.updateAttributes() ? process.getKernelTime() + process.getUserTime() : 0;
    }
}
