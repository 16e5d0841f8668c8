package org.opencarboneval.nvml;

import java.util.List;
import java.util.stream.Stream;

import com.sun.jna.Pointer;

/** One GPU the sampler watches: its identity, energy meter and shared-use attribution; stops querying once lost. */
final class MonitoredGpu {

    private final Nvml nvml;
    private final Pointer handle;
    private final int index;
    private final String uuid;
    private final String name;
    private final EnergyMeter meter = new EnergyMeter();
    private final ProcessAttribution attribution;
    private ProcessAttribution.Share share = ProcessAttribution.Share.WHOLE;
    private NvmlReturn lostBecause;

    MonitoredGpu(Nvml nvml, Pointer handle, int index, String uuid, MonitoredProcess monitored) {
        this.nvml = nvml;
        this.handle = handle;
        this.index = index;
        this.uuid = uuid;
        this.name = nvml.name(handle).orElse("GPU " + index);
        this.attribution = new ProcessAttribution(monitored);
    }

    int index() {
        return index;
    }

    boolean lost() {
        return lostBecause != null;
    }

    NvmlReturn lostBecause() {
        return lostBecause;
    }

    EnergyMethod energyMethod() {
        return meter.method();
    }

    ProcessAttribution.Share share() {
        return share;
    }

    /** @param processListedBefore whether an earlier sample listed the monitored process on any GPU */
    GpuReading read(long nanos, boolean processListedBefore) {
        if (lost()) {
            return frozenReading(true);
        }
        NvmlResult<Long> power = nvml.powerMilliwatts(handle);
        NvmlResult<Long> energy = nvml.totalEnergyMillijoules(handle);
        NvmlResult<GpuUtilization> utilization = nvml.utilization(handle);
        NvmlResult<GpuMemory> memory = nvml.memory(handle);
        NvmlResult<Long> temperature = nvml.temperatureCelsius(handle);
        NvmlResult<List<GpuProcess>> processes = nvml.computeProcesses(handle);
        lostBecause = Stream.of(power, energy, utilization, memory, temperature, processes)
            .map(NvmlResult::code).filter(NvmlReturn::isDeviceLost).findFirst().orElse(null);
        if (lost()) {
            return frozenReading(true);
        }
        meter.update(energy.orElse(-1L), power.map(mw -> mw / 1000.0).orElse(Double.NaN), nanos);
        share = attribution.update(processes, since -> nvml.processUtilization(handle, since), processListedBefore);
        return new GpuReading(index, uuid, name, meter.powerWatts(), meter.joules(),
            utilization.map(u -> u.gpuPercent() / 100.0).orElse(Double.NaN),
            utilization.map(u -> u.memoryPercent() / 100.0).orElse(Double.NaN),
            memory.map(GpuMemory::usedBytes).orElse(-1L), memory.map(GpuMemory::totalBytes).orElse(-1L),
            temperature.map(Long::doubleValue).orElse(Double.NaN), meter.method(), share.value(), false);
    }

    /** A reading with no live values and the energy so far, for a lost GPU or a sample that failed. */
    GpuReading frozenReading(boolean lost) {
        return new GpuReading(index, uuid, name, Double.NaN, meter.joules(), Double.NaN, Double.NaN, -1, -1,
            Double.NaN, meter.method(), share.value(), lost);
    }
}
