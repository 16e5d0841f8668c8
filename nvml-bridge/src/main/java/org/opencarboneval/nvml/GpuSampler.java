package org.opencarboneval.nvml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import com.sun.jna.Pointer;

/**
 * Samples the GPUs this process can see, about once a second from one thread. Never throws: without NVML, or when
 * its init fails, it monitors zero devices and {@link #status()} says why; a lost GPU keeps its energy and is no
 * longer queried.
 */
public final class GpuSampler implements AutoCloseable {

    private final Nvml nvml;
    private final List<MonitoredGpu> devices;
    private final LongSupplier clock;
    private final String header;
    private final String notes;
    /** Whether NVML has listed the monitored process on any of these GPUs: from then on an idle one is not ours. */
    private boolean processListed;
    private boolean closed;

    private GpuSampler(Nvml nvml, List<MonitoredGpu> devices, LongSupplier clock, String header, String notes) {
        this.nvml = nvml;
        this.devices = devices;
        this.clock = clock;
        this.header = header;
        this.notes = notes;
    }

    public static GpuSampler open(NvmlOptions options) {
        return open(options, System::nanoTime);
    }

    /** With the clock (nanoseconds, monotonic) used to integrate power, injectable for tests. */
    static GpuSampler open(NvmlOptions options, LongSupplier clock) {
        try {
            return openOrExplain(options, clock);
        } catch (RuntimeException | LinkageError unexpected) {
            return off("GPU metrics off: " + unexpected, clock);
        }
    }

    private static GpuSampler openOrExplain(NvmlOptions options, LongSupplier clock) {
        NvmlLoader.Outcome loaded = NvmlLoader.load(options.libraryPath());
        String notes = loaded.notes().isEmpty() ? "" : "; " + String.join("; ", loaded.notes());
        if (loaded.nvml().isEmpty()) {
            return off("GPU metrics off: " + loaded.failure() + notes, clock);
        }
        Nvml nvml = loaded.nvml().get();
        NvmlReturn init = nvml.init();
        if (!init.isSuccess()) {
            return off("GPU metrics off: nvmlInit failed: " + describe(nvml, init) + notes, clock);
        }
        try {
            return openInitialised(nvml, options, clock, notes);
        } catch (RuntimeException | LinkageError unexpected) {
            shutdownQuietly(nvml); // NVML counts its inits: this one must be undone before the sampler gives up
            throw unexpected;
        }
    }

    private static GpuSampler openInitialised(Nvml nvml, NvmlOptions options, LongSupplier clock, String loaderNotes) {
        NvmlResult<Integer> count = nvml.deviceCount();
        if (!count.isSuccess()) {
            shutdownQuietly(nvml);
            return off("GPU metrics off: nvmlDeviceGetCount failed: " + describe(nvml, count.code()) + loaderNotes, clock);
        }
        Map<Integer, NvmlResult<Pointer>> handles = new HashMap<>();
        List<VisibleDevices.Device> all = new ArrayList<>();
        for (int index = 0; index < count.value(); index++) {
            NvmlResult<Pointer> handle = nvml.handle(index);
            handles.put(index, handle);
            all.add(new VisibleDevices.Device(index, handle.flatMap(nvml::uuid).orElse("")));
        }
        VisibleDevices.Selection selection = VisibleDevices.select(options.environment(), all,
            mig -> nvml.handleByUuid(mig).flatMap(nvml::parentOfMig).flatMap(nvml::index));
        List<String> notes = new ArrayList<>(selection.notes());
        options.monitoredProcess().unmappable().ifPresent(why -> notes.add("process attribution off: " + why));
        List<MonitoredGpu> devices = new ArrayList<>();
        for (VisibleDevices.Device device : selection.devices()) {
            NvmlResult<Pointer> handle = handles.get(device.index());
            if (handle.isSuccess()) {
                devices.add(new MonitoredGpu(nvml, handle.value(), device.index(), device.uuid(),
                    options.monitoredProcess()));
            } else {
                notes.add("GPU " + device.index() + " skipped: " + describe(nvml, handle.code()));
            }
        }
        String driver = nvml.driverVersion().orElse("driver version unknown");
        String allNotes = (notes.isEmpty() ? "" : "; " + String.join("; ", notes)) + loaderNotes;
        GpuSampler sampler = new GpuSampler(nvml, devices, clock, "NVML " + driver, allNotes);
        sampler.sample(); // the baseline: energy counts from here
        return sampler;
    }

    private static GpuSampler off(String status, LongSupplier clock) {
        return new GpuSampler(null, List.of(), clock, status, "");
    }

    private static String describe(Nvml nvml, NvmlReturn code) {
        return nvml.errorString(code) + " (" + code.nvmlName() + ")";
    }

    /** True when NVML is initialised; it may still monitor zero devices (none visible, or all lost). */
    public boolean available() {
        return nvml != null;
    }

    /** One line: the driver, the devices and how each is measured, shared or lost; or why GPU metrics are off. */
    public synchronized String status() {
        if (nvml == null) {
            return header;
        }
        Map<EnergyMethod, Long> methods = devices.stream().filter(d -> !d.lost())
            .collect(Collectors.groupingBy(MonitoredGpu::energyMethod, Collectors.counting()));
        StringBuilder line = new StringBuilder(header).append(": ").append(devices.size())
            .append(devices.size() == 1 ? " GPU" : " GPUs").append(" monitored");
        if (!methods.isEmpty()) {
            line.append(" (").append(methods.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "))).append(')');
        }
        for (MonitoredGpu device : devices) {
            line.append(deviceNote(device));
        }
        return line.append(notes).toString();
    }

    private String deviceNote(MonitoredGpu device) {
        if (device.lost()) {
            return "; GPU " + device.index() + " lost (" + device.lostBecause().nvmlName() + "), energy frozen";
        }
        ProcessAttribution.Share share = device.share();
        return switch (share.basis()) {
            case NOT_SHARED, NO_PROCESSES -> "";
            case SM_UTILIZATION, MEMORY -> String.format(Locale.ROOT, "; GPU %d shared: %.0f%% attributed to this process by %s",
                device.index(), share.value() * 100, share.basis() == ProcessAttribution.Basis.MEMORY ? "memory" : "SM utilization");
            case OTHERS_ONLY -> "; GPU " + device.index() + " used by other processes only: none of it counted";
            case IDLE -> "; GPU " + device.index() + " idle, used by no process: none of it counted";
            case PID_UNMAPPABLE, PROCESSES_UNAVAILABLE -> "";
        };
    }

    /** One reading per monitored device; an empty list without NVML or after {@link #close()}. */
    public synchronized List<GpuReading> sample() {
        if (nvml == null || closed) {
            return List.of();
        }
        List<GpuReading> readings = new ArrayList<>(devices.size());
        long now = clock.getAsLong();
        boolean listedBefore = processListed;
        for (MonitoredGpu device : devices) {
            readings.add(read(device, now, listedBefore));
            processListed |= device.share().listsThisProcess();
        }
        return List.copyOf(readings);
    }

    private static GpuReading read(MonitoredGpu device, long now, boolean processListedBefore) {
        try {
            return device.read(now, processListedBefore);
        } catch (RuntimeException | LinkageError unexpected) {
            // JNA or driver trouble on one device must not stop the others, nor the training job.
            return device.frozenReading(false);
        }
    }

    @Override
    public synchronized void close() {
        if (nvml != null && !closed) {
            closed = true;
            shutdownQuietly(nvml);
        }
    }

    private static void shutdownQuietly(Nvml nvml) {
        try {
            nvml.shutdown();
        } catch (RuntimeException | LinkageError ignored) {
            // shutting down is best effort; the process may be exiting
        }
    }
}
