package org.opencarboneval.agent.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.opencarboneval.host.HostOptions;
import org.opencarboneval.host.HostPowerSampler;
import org.opencarboneval.host.HostReading;
import org.opencarboneval.nvml.GpuReading;
import org.opencarboneval.nvml.GpuSampler;
import org.opencarboneval.nvml.NvmlOptions;

/**
 * Power from the NVML bridge (GPUs this JVM sees) and the host sensor (CPU and DRAM, attributed to this process).
 * A GPU shared with other processes is charged only this process's share of each interval's energy. The GPUs and the
 * host are read apart: one failing adds nothing to its part of the reading (the failure is counted) and leaves the
 * other part whole; the energy it missed arrives with its next good reading, since both sources are cumulative. A
 * GPU lost mid-run (fallen off the bus, reset) is said once and keeps, in the per-GPU detail, what it measured.
 */
final class BridgePowerMeter implements PowerMeter {

    private static final String CPU = "cpu";
    private static final String DRAM = "dram";

    private final GpuSampler gpus;
    private final HostSensor host;
    private final AgentErrors errors;
    private final Consumer<String> warnings;
    private final EnergyIncrements<String> deviceEnergy = new EnergyIncrements<>();
    private final EnergyIncrements<String> hostEnergy = new EnergyIncrements<>();
    /** Every GPU seen, by UUID in order of first sight, with this process's cumulative energy on it. */
    private final Map<String, GpuState> gpuStates = new LinkedHashMap<>();
    private final Set<Integer> reportedLost = new HashSet<>();

    BridgePowerMeter(GpuSampler gpus, HostSensor host, AgentErrors errors, Consumer<String> warnings) {
        this.gpus = gpus;
        this.host = host;
        this.errors = errors;
        this.warnings = warnings;
    }

    static PowerMeter open(NvmlOptions nvml, AgentErrors errors, Consumer<String> warnings) {
        GpuSampler gpus = GpuSampler.open(nvml);
        if (gpus.available()) {
            nvml.monitoredProcess().unmappable().ifPresent(why -> warnings.accept("GPU attribution off: " + why));
        }
        return new BridgePowerMeter(gpus, HostSensor.of(HostPowerSampler.open(HostOptions.defaults())), errors,
            warnings);
    }

    @Override
    public String status() {
        return "gpu: " + gpus.status() + "; host: " + host.status();
    }

    @Override
    public synchronized PowerReading read() {
        Part gpu = readGpus();
        Part cpu = Part.NONE;
        Part dram = Part.NONE;
        try {
            HostReading reading = host.sample();
            cpu = new Part(finite(reading.cpuPowerWatts(), 0), hostEnergy.added(CPU, reading.cpuEnergyJoules()));
            dram = new Part(finite(reading.dramPowerWatts(), 0), hostEnergy.added(DRAM, reading.dramEnergyJoules()));
        } catch (RuntimeException | LinkageError failure) {
            errors.count(AgentErrors.Kind.HOST_READ, failure);
        }
        return new PowerReading(new Components(gpu.watts(), cpu.watts(), dram.watts()),
            new Components(gpu.addedJoules(), cpu.addedJoules(), dram.addedJoules()), List.copyOf(gpuStates.values()));
    }

    /**
     * Updates the per-GPU states and returns their power and added energy. A GPU missing from this reading, or every
     * GPU when the reading failed, keeps its energy and shows no power.
     */
    private Part readGpus() {
        gpuStates.replaceAll((uuid, state) -> state.unread());
        try {
            double power = 0;
            double added = 0;
            for (GpuReading gpu : gpus.sample()) {
                if (gpu.lost() && reportedLost.add(gpu.index())) {
                    warnings.accept("GPU " + gpu.index() + " (" + gpu.name() + ") was lost mid-run: it is no longer "
                        + "measured, its energy so far stays counted");
                }
                double share = gpu.lost() ? 0 : finite(gpu.processShare(), 1);
                double joules = deviceEnergy.added(gpu.uuid(), gpu.energyJoules()) * share;
                double watts = finite(gpu.powerWatts(), 0) * share;
                GpuState before = gpuStates.get(gpu.uuid());
                gpuStates.put(gpu.uuid(), new GpuState(gpu.index(), gpu.uuid(), gpu.name(), watts,
                    (before == null ? 0 : before.energyJoules()) + joules, finite(gpu.utilizationGpu(), 0),
                    gpu.memoryUsedBytes(), share));
                power += watts;
                added += joules;
            }
            return new Part(power, added);
        } catch (RuntimeException | LinkageError failure) {
            errors.count(AgentErrors.Kind.GPU_READ, failure);
            return Part.NONE;
        }
    }

    @Override
    public void close() {
        gpus.close();
        host.close();
    }

    private static double finite(double value, double fallback) {
        return Double.isFinite(value) ? value : fallback;
    }

    /** One part's power now and the energy it added since the previous reading. */
    private record Part(double watts, double addedJoules) {
        static final Part NONE = new Part(0, 0);
    }
}
