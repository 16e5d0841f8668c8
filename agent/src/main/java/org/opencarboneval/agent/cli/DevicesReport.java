package org.opencarboneval.agent.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.opencarboneval.host.HostReading;
import org.opencarboneval.nvml.EnergyMethod;
import org.opencarboneval.nvml.GpuReading;
import org.opencarboneval.exporter.JsonWriter;

/** The text and JSON forms of the {@code devices} readings. */
final class DevicesReport {

    private DevicesReport() {
    }

    /**
     * Where energies count from: the samplers' opening ({@link #SINCE_OPEN}), or the start of a {@code --watch}
     * window, whose readings are subtracted so that energy and time span the same window.
     */
    record Baseline(Map<Integer, Double> gpuJoules, double cpuJoules, double dramJoules) {

        static final Baseline SINCE_OPEN = new Baseline(Map.of(), 0, 0);

        static Baseline of(List<GpuReading> gpus, HostReading host) {
            return new Baseline(gpus.stream().collect(Collectors.toMap(GpuReading::index, GpuReading::energyJoules)),
                host.cpuEnergyJoules(), host.dramEnergyJoules());
        }

        double gpu(GpuReading gpu) {
            return gpu.energyJoules() - gpuJoules.getOrDefault(gpu.index(), 0.0);
        }

        double cpu(HostReading host) {
            return host.cpuEnergyJoules() - cpuJoules;
        }

        double dram(HostReading host) {
            return host.dramEnergyJoules() - dramJoules;
        }
    }

    /** A JSON array: one object per GPU, then the host's cpu and dram sensors (with {@code "index": null}). */
    static String json(List<GpuReading> gpus, HostReading host) {
        return devices(new JsonWriter(), gpus, host, Baseline.SINCE_OPEN).toString();
    }

    /** One {@code --watch} line: {@code {"t_s":..,"devices":[...]}}, time and energies since the window's start. */
    static String sampleLine(double seconds, List<GpuReading> gpus, HostReading host, Baseline start) {
        JsonWriter json = new JsonWriter().beginObject().field("t_s", seconds).name("devices");
        return devices(json, gpus, host, start).endObject().toString();
    }

    /**
     * The {@code --watch} summary: energy per GPU and its method, the host's energy, over the window from
     * {@code start} to the last readings, whose wall-clock bounds let scripts/gpu-check.sh integrate nvidia-smi over
     * the same span. A GPU with neither counter nor power has no energy ({@code null}).
     */
    static String summaryLine(double seconds, long windowStartMillis, long windowEndMillis, Baseline start,
            List<GpuReading> gpus, HostReading host, String gpuStatus) {
        JsonWriter json = new JsonWriter().beginObject().field("summary", true).field("seconds", seconds)
            .field("window_start_epoch_ms", windowStartMillis).field("window_end_epoch_ms", windowEndMillis)
            .field("nvml_status", gpuStatus).name("gpus").beginArray();
        for (GpuReading gpu : gpus) {
            double joules = measured(gpu) ? start.gpu(gpu) : Double.NaN;
            json.beginObject().field("index", gpu.index()).field("uuid", gpu.uuid()).field("name", gpu.name())
                .field("energy_j", joules).field("mean_power_w", joules / seconds)
                .field("energy_method", lower(gpu.energyMethod())).field("lost", gpu.lost()).endObject();
        }
        json.endArray();
        json.name("cpu").beginObject().field("energy_j", start.cpu(host)).field("measured", host.cpuMeasured())
            .endObject();
        json.name("dram").beginObject().field("energy_j", start.dram(host)).field("measured", host.dramMeasured())
            .endObject();
        return json.endObject().toString();
    }

    private static boolean measured(GpuReading gpu) {
        return gpu.energyMethod() != EnergyMethod.UNAVAILABLE;
    }

    private static JsonWriter devices(JsonWriter json, List<GpuReading> gpus, HostReading host, Baseline start) {
        json.beginArray();
        for (GpuReading gpu : gpus) {
            json.beginObject().field("index", gpu.index()).field("kind", "gpu").field("name", gpu.name())
                .field("uuid", gpu.uuid()).field("power_w", gpu.powerWatts()).field("energy_j", start.gpu(gpu))
                .field("utilization_gpu", gpu.utilizationGpu()).field("utilization_memory", gpu.utilizationMemory())
                .field("memory_used_bytes", gpu.memoryUsedBytes()).field("memory_total_bytes", gpu.memoryTotalBytes())
                .field("temperature_c", gpu.temperatureCelsius()).field("energy_method", lower(gpu.energyMethod()))
                .field("measured", measured(gpu)).field("process_share", gpu.processShare()).field("lost", gpu.lost())
                .endObject();
        }
        sensor(json, "cpu", host.cpuModel(), host.cpuPowerWatts(), start.cpu(host),
            host.cpuMeasured() ? "rapl" : "estimated_tdp_x_load", host.cpuMeasured())
            .field("logical_cores", host.logicalCores()).field("system_cpu_load", host.systemCpuLoad()).endObject();
        sensor(json, "dram", "DRAM", host.dramPowerWatts(), start.dram(host),
            host.dramMeasured() ? "rapl" : "estimated_memory_size", host.dramMeasured()).endObject();
        return json.endArray();
    }

    /** A host sensor's object, left open for extra fields. */
    private static JsonWriter sensor(JsonWriter json, String kind, String name, double watts, double joules,
            String method, boolean measured) {
        return json.beginObject().name("index").nullValue().field("kind", kind).field("name", name)
            .name("uuid").nullValue().field("power_w", watts).field("energy_j", joules)
            .name("utilization_gpu").nullValue().field("energy_method", method).field("measured", measured);
    }

    static String table(List<GpuReading> gpus, String gpuStatus, HostReading host, String hostStatus) {
        StringBuilder text = new StringBuilder();
        if (gpus.isEmpty()) {
            text.append("No NVIDIA GPU: ").append(gpuStatus).append('\n');
        } else {
            text.append(gpuStatus).append('\n');
            text.append(String.format(Locale.ROOT, "  %-3s %-28s %-40s %9s %10s %6s  %s%n", "gpu", "name", "uuid",
                "power W", "energy J", "util", "energy method"));
            for (GpuReading gpu : gpus) {
                text.append(String.format(Locale.ROOT, "  %-3d %-28s %-40s %9.1f %10.1f %5.0f%%  %s%s%n", gpu.index(),
                    gpu.name(), gpu.uuid(), gpu.powerWatts(), gpu.energyJoules(), gpu.utilizationGpu() * 100,
                    lower(gpu.energyMethod()).replace('_', ' '), gpu.lost() ? " (lost)" : ""));
            }
        }
        text.append('\n').append(hostStatus).append('\n');
        text.append(String.format(Locale.ROOT, "  cpu   %-40s %9.1f W %10.1f J  load %3.0f%%  %s%n",
            host.cpuModel() + " (" + host.logicalCores() + " logical cores)", host.cpuPowerWatts(),
            host.cpuEnergyJoules(), host.systemCpuLoad() * 100, host.cpuMeasured() ? "measured (RAPL)" : "estimated"));
        text.append(String.format(Locale.ROOT, "  dram  %-40s %9.1f W %10.1f J             %s%n", "DRAM",
            host.dramPowerWatts(), host.dramEnergyJoules(), host.dramMeasured() ? "measured (RAPL)" : "estimated"));
        return text.toString();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
