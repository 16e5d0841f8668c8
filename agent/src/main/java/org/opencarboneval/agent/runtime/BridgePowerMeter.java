package org.opencarboneval.agent.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * Power from the NVML bridge (GPUs this JVM sees) and the host sampler (CPU and DRAM, attributed to this process).
 * A GPU shared with other processes is charged only this process's share of each interval's energy, so energies
 * here are the run's own, cumulative since the meter opened. A GPU lost mid-run (fallen off the bus, reset) is said
 * once; its energy so far stays counted.
 */
final class BridgePowerMeter implements PowerMeter {

    private final GpuSampler gpus;
    private final HostPowerSampler host;
    private final Map<String, Double> lastDeviceEnergy = new HashMap<>();
    private final Map<String, Double> attributedEnergy = new HashMap<>();
    private final Set<Integer> reportedLost = new HashSet<>();
    private final Consumer<String> warnings;

    private BridgePowerMeter(GpuSampler gpus, HostPowerSampler host, Consumer<String> warnings) {
        this.gpus = gpus;
        this.host = host;
        this.warnings = warnings;
    }

    static PowerMeter open(NvmlOptions nvml, Consumer<String> warnings) {
        return new BridgePowerMeter(GpuSampler.open(nvml), HostPowerSampler.open(HostOptions.defaults()), warnings);
    }

    @Override
    public String status() {
        return "gpu: " + gpus.status() + "; host: " + host.status();
    }

    @Override
    public synchronized PowerReading read() {
        try {
            List<GpuState> states = new ArrayList<>();
            double gpuPower = 0;
            double gpuEnergy = 0;
            for (GpuReading gpu : gpus.sample()) {
                if (gpu.lost() && reportedLost.add(gpu.index())) {
                    warnings.accept("GPU " + gpu.index() + " (" + gpu.name() + ") was lost mid-run: it is no longer "
                        + "measured, its energy so far stays counted");
                }
                double share = finite(gpu.processShare(), 1);
                double energy = attribute(gpu.uuid(), finite(gpu.energyJoules(), 0), share);
                double power = finite(gpu.powerWatts(), 0) * share;
                gpuPower += power;
                gpuEnergy += energy;
                states.add(new GpuState(gpu.index(), gpu.uuid(), gpu.name(), power, energy,
                    finite(gpu.utilizationGpu(), 0), gpu.memoryUsedBytes()));
            }
            HostReading cpu = host.sample();
            return new PowerReading(
                new Components(gpuPower, finite(cpu.cpuPowerWatts(), 0), finite(cpu.dramPowerWatts(), 0)),
                new Components(gpuEnergy, finite(cpu.cpuEnergyJoules(), 0), finite(cpu.dramEnergyJoules(), 0)),
                List.copyOf(states));
        } catch (RuntimeException | LinkageError failure) {
            // a sensor failing mid-run must not stop sampling; the energy account keeps its totals
            return PowerReading.NONE;
        }
    }

    /** Adds this process's share of the device energy used since the last reading; returns the cumulative share. */
    private double attribute(String uuid, double deviceEnergy, double share) {
        double last = lastDeviceEnergy.getOrDefault(uuid, deviceEnergy);
        double delta = deviceEnergy >= last ? deviceEnergy - last : deviceEnergy;
        lastDeviceEnergy.put(uuid, deviceEnergy);
        return attributedEnergy.merge(uuid, delta * share, Double::sum);
    }

    @Override
    public void close() {
        gpus.close();
        host.close();
    }

    private static double finite(double value, double fallback) {
        return Double.isFinite(value) ? value : fallback;
    }
}
