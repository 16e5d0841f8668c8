package org.opencarboneval.nvml;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The typed face of a loaded NVML library: every query returns an {@link NvmlResult}, never throws, and falls back
 * from versioned symbols to older ones when the driver lacks them. Obtain one through {@link NvmlLoader}.
 */
public final class Nvml {

    // Buffer sizes from nvml.h (NVML_DEVICE_NAME_V2_BUFFER_SIZE, NVML_DEVICE_UUID_V2_BUFFER_SIZE,
    // NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE).
    private static final int NAME_BUFFER = 96;
    private static final int UUID_BUFFER = 96;
    private static final int DRIVER_VERSION_BUFFER = 80;
    private static final int TEMPERATURE_GPU = 0;
    private static final int CLOCK_SM = 1;
    // Processes may start between the size query and the fetch; a little room avoids a second round trip.
    private static final int EXTRA_ROWS = 8;
    private static final int UTILIZATION_SAMPLE_BYTES = new NvmlStructures.ProcessUtilizationSample().size();

    private final NvmlLibrary library;
    private final String source;
    private final VersionedFunction init = new VersionedFunction("nvmlInit_v2", "nvmlInit");
    private final VersionedFunction count = new VersionedFunction("nvmlDeviceGetCount_v2", "nvmlDeviceGetCount");
    private final VersionedFunction handle =
        new VersionedFunction("nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetHandleByIndex");
    private final VersionedFunction pciInfo =
        new VersionedFunction("nvmlDeviceGetPciInfo_v3", "nvmlDeviceGetPciInfo_v2", "nvmlDeviceGetPciInfo");
    private final VersionedFunction processes = new VersionedFunction("nvmlDeviceGetComputeRunningProcesses_v3",
        "nvmlDeviceGetComputeRunningProcesses_v2", "nvmlDeviceGetComputeRunningProcesses");
    private final VersionedFunction shutdown = new VersionedFunction("nvmlShutdown");
    private final VersionedFunction errorString = new VersionedFunction("nvmlErrorString");
    private final VersionedFunction driverVersion = new VersionedFunction("nvmlSystemGetDriverVersion");
    private final VersionedFunction name = new VersionedFunction("nvmlDeviceGetName");
    private final VersionedFunction uuid = new VersionedFunction("nvmlDeviceGetUUID");
    private final VersionedFunction handleByUuid = new VersionedFunction("nvmlDeviceGetHandleByUUID");
    private final VersionedFunction migParent = new VersionedFunction("nvmlDeviceGetDeviceHandleFromMigDeviceHandle");
    private final VersionedFunction index = new VersionedFunction("nvmlDeviceGetIndex");
    private final VersionedFunction power = new VersionedFunction("nvmlDeviceGetPowerUsage");
    private final VersionedFunction powerLimit = new VersionedFunction("nvmlDeviceGetEnforcedPowerLimit");
    private final VersionedFunction energy = new VersionedFunction("nvmlDeviceGetTotalEnergyConsumption");
    private final VersionedFunction utilization = new VersionedFunction("nvmlDeviceGetUtilizationRates");
    private final VersionedFunction memory = new VersionedFunction("nvmlDeviceGetMemoryInfo");
    private final VersionedFunction temperature = new VersionedFunction("nvmlDeviceGetTemperature");
    private final VersionedFunction clock = new VersionedFunction("nvmlDeviceGetClockInfo");
    private final VersionedFunction processUtilization = new VersionedFunction("nvmlDeviceGetProcessUtilization");

    private final ProcessRowLayout v3ProcessRows;

    Nvml(NvmlLibrary library, String source) {
        this.library = library;
        this.source = source;
        NativeLibrary symbols = ((Library.Handler) Proxy.getInvocationHandler(library)).getNativeLibrary();
        this.v3ProcessRows = ProcessRowLayout.ofV3(name -> exports(symbols, name));
    }

    private static boolean exports(NativeLibrary symbols, String name) {
        try {
            symbols.getFunction(name);
            return true;
        } catch (UnsatisfiedLinkError missing) {
            return false;
        }
    }

    /** Where the library was loaded from (the name or path JNA resolved). */
    public String source() {
        return source;
    }

    public NvmlReturn init() {
        return init.call(List.of(code(library::nvmlInit_v2), code(library::nvmlInit))).code();
    }

    public NvmlReturn shutdown() {
        return shutdown.call(List.of(code(library::nvmlShutdown))).code();
    }

    /** NVML's own text for a code, e.g. "GPU is lost"; the nvml.h name when the library cannot say. */
    public String errorString(NvmlReturn code) {
        NvmlResult<String> text = errorString.call(List.of(() -> {
            String message = library.nvmlErrorString(code.code());
            return message == null ? NvmlResult.failed(NvmlReturn.UNKNOWN) : NvmlResult.of(0, message);
        }));
        return text.orElse(code.nvmlName());
    }

    public NvmlResult<String> driverVersion() {
        return driverVersion.call(List.of(() -> text(DRIVER_VERSION_BUFFER, library::nvmlSystemGetDriverVersion)));
    }

    public NvmlResult<Integer> deviceCount() {
        IntByReference value = new IntByReference();
        return count.call(List.of(
            () -> NvmlResult.of(library.nvmlDeviceGetCount_v2(value), value.getValue()),
            () -> NvmlResult.of(library.nvmlDeviceGetCount(value), value.getValue())));
    }

    public NvmlResult<Pointer> handle(int index) {
        PointerByReference device = new PointerByReference();
        return handle.call(List.of(
            () -> NvmlResult.of(library.nvmlDeviceGetHandleByIndex_v2(index, device), device.getValue()),
            () -> NvmlResult.of(library.nvmlDeviceGetHandleByIndex(index, device), device.getValue())));
    }

    /** A GPU or MIG device by its UUID ({@code GPU-...} or {@code MIG-...}). */
    public NvmlResult<Pointer> handleByUuid(String deviceUuid) {
        PointerByReference device = new PointerByReference();
        return handleByUuid.call(List.of(
            () -> NvmlResult.of(library.nvmlDeviceGetHandleByUUID(deviceUuid, device), device.getValue())));
    }

    /** The GPU a MIG device is a slice of; INVALID_ARGUMENT when {@code migDevice} is not a MIG device. */
    public NvmlResult<Pointer> parentOfMig(Pointer migDevice) {
        PointerByReference device = new PointerByReference();
        return migParent.call(List.of(() ->
            NvmlResult.of(library.nvmlDeviceGetDeviceHandleFromMigDeviceHandle(migDevice, device), device.getValue())));
    }

    /** The device's NVML index, the one {@link #handle(int)} takes. */
    public NvmlResult<Integer> index(Pointer device) {
        IntByReference value = new IntByReference();
        return index.call(List.of(() -> NvmlResult.of(library.nvmlDeviceGetIndex(device, value), value.getValue())));
    }

    public NvmlResult<String> name(Pointer device) {
        return name.call(List.of(() -> text(NAME_BUFFER, (buffer, length) -> library.nvmlDeviceGetName(device, buffer, length))));
    }

    public NvmlResult<String> uuid(Pointer device) {
        return uuid.call(List.of(() -> text(UUID_BUFFER, (buffer, length) -> library.nvmlDeviceGetUUID(device, buffer, length))));
    }

    /** The PCI bus id, e.g. {@code 00000000:3B:00.0} (the 13-character legacy form from the oldest symbol). */
    public NvmlResult<String> pciBusId(Pointer device) {
        NvmlStructures.PciInfo info = new NvmlStructures.PciInfo();
        return pciInfo.call(List.of(
            () -> NvmlResult.of(library.nvmlDeviceGetPciInfo_v3(device, info), info).map(i -> i.busId(true)),
            () -> NvmlResult.of(library.nvmlDeviceGetPciInfo_v2(device, info), info).map(i -> i.busId(true)),
            () -> NvmlResult.of(library.nvmlDeviceGetPciInfo(device, info), info).map(i -> i.busId(false))));
    }

    /** Board power in milliwatts (on Ampere and newer a one-second average). */
    public NvmlResult<Long> powerMilliwatts(Pointer device) {
        return unsigned(power, value -> library.nvmlDeviceGetPowerUsage(device, value));
    }

    public NvmlResult<Long> enforcedPowerLimitMilliwatts(Pointer device) {
        return unsigned(powerLimit, value -> library.nvmlDeviceGetEnforcedPowerLimit(device, value));
    }

    /** Energy since the driver was loaded, in millijoules (Volta and newer; NOT_SUPPORTED before). */
    public NvmlResult<Long> totalEnergyMillijoules(Pointer device) {
        LongByReference value = new LongByReference();
        return energy.call(List.of(
            () -> NvmlResult.of(library.nvmlDeviceGetTotalEnergyConsumption(device, value), value.getValue())));
    }

    public NvmlResult<GpuUtilization> utilization(Pointer device) {
        NvmlStructures.Utilization rates = new NvmlStructures.Utilization();
        return utilization.call(List.of(() -> NvmlResult.of(library.nvmlDeviceGetUtilizationRates(device, rates), rates)
            .map(r -> new GpuUtilization(r.gpu, r.memory))));
    }

    public NvmlResult<GpuMemory> memory(Pointer device) {
        NvmlStructures.MemoryInfo info = new NvmlStructures.MemoryInfo();
        return memory.call(List.of(() -> NvmlResult.of(library.nvmlDeviceGetMemoryInfo(device, info), info)
            .map(m -> new GpuMemory(m.total, m.free, m.used))));
    }

    /** Die temperature in °C. */
    public NvmlResult<Long> temperatureCelsius(Pointer device) {
        return unsigned(temperature, value -> library.nvmlDeviceGetTemperature(device, TEMPERATURE_GPU, value));
    }

    public NvmlResult<Long> smClockMegahertz(Pointer device) {
        return unsigned(clock, value -> library.nvmlDeviceGetClockInfo(device, CLOCK_SM, value));
    }

    /** The compute processes running on the device. */
    public NvmlResult<List<GpuProcess>> computeProcesses(Pointer device) {
        return processes.call(List.of(
            () -> rows(ProcessRowLayout.WIDEST, v3ProcessRows.bytes(),
                (n, buffer) -> library.nvmlDeviceGetComputeRunningProcesses_v3(device, n, buffer), ProcessRowLayout::read),
            () -> rows(ProcessRowLayout.WIDEST, ProcessRowLayout.V2.bytes(),
                (n, buffer) -> library.nvmlDeviceGetComputeRunningProcesses_v2(device, n, buffer), ProcessRowLayout::read),
            () -> rows(ProcessRowLayout.WIDEST, ProcessRowLayout.V1.bytes(),
                (n, buffer) -> library.nvmlDeviceGetComputeRunningProcesses(device, n, buffer), ProcessRowLayout::read)));
    }

    /** The layout of the rows {@code nvmlDeviceGetComputeRunningProcesses_v3} fills on this driver. */
    ProcessRowLayout v3ProcessRows() {
        return v3ProcessRows;
    }

    /**
     * Per-process utilization samples newer than {@code lastSeenMicros} (0 for all NVML still buffers).
     * NOT_FOUND means no sample since then.
     */
    public NvmlResult<List<ProcessUtilization>> processUtilization(Pointer device, long lastSeenMicros) {
        return processUtilization.call(List.of(() -> rows(UTILIZATION_SAMPLE_BYTES, UTILIZATION_SAMPLE_BYTES,
            (n, buffer) -> library.nvmlDeviceGetProcessUtilization(device, buffer, n, lastSeenMicros), row -> {
                NvmlStructures.ProcessUtilizationSample s = new NvmlStructures.ProcessUtilizationSample(row);
                return new ProcessUtilization(Integer.toUnsignedLong(s.pid), s.timeStamp, s.smUtil, s.memUtil);
            })));
    }

    /** Which symbol each versioned function resolved to, for diagnostics. */
    public String resolvedSymbols() {
        return String.join(", ", init.resolvedName(), count.resolvedName(), handle.resolvedName(),
            pciInfo.resolvedName(), processes.resolvedName());
    }

    private static Supplier<NvmlResult<Void>> code(IntSupplier call) {
        return () -> NvmlResult.of(call.getAsInt(), null);
    }

    private interface TextCall {
        int fill(byte[] buffer, int length);
    }

    private static NvmlResult<String> text(int size, TextCall call) {
        byte[] buffer = new byte[size];
        return NvmlResult.of(call.fill(buffer, size), buffer).map(Native::toString);
    }

    private interface UnsignedCall {
        int fill(IntByReference value);
    }

    private static NvmlResult<Long> unsigned(VersionedFunction function, UnsignedCall call) {
        IntByReference value = new IntByReference();
        return function.call(List.of(() -> NvmlResult.of(call.fill(value), value)
            .map(v -> Integer.toUnsignedLong(v.getValue()))));
    }

    private interface RowsCall {
        int fill(IntByReference count, Pointer buffer);
    }

    private interface RowReader<R> {
        R read(Pointer row);
    }

    /**
     * NVML's two-step array protocol: ask with no buffer for the count (INSUFFICIENT_SIZE, or SUCCESS when there
     * are none), then pass a buffer for that many rows. The buffer has {@code slotBytes} per row, at least the
     * {@code rowBytes} the rows are read with, so a wider row than expected cannot overflow it.
     */
    private static <R> NvmlResult<List<R>> rows(int slotBytes, int rowBytes, RowsCall call, RowReader<R> reader) {
        IntByReference count = new IntByReference(0);
        NvmlReturn sizing = NvmlReturn.of(call.fill(count, null));
        if (sizing.isSuccess()) {
            return new NvmlResult<>(sizing, List.of());
        }
        if (sizing != NvmlReturn.INSUFFICIENT_SIZE) {
            return NvmlResult.failed(sizing);
        }
        int capacity = Math.max(0, count.getValue()) + EXTRA_ROWS;
        count.setValue(capacity);
        Memory buffer = new Memory((long) capacity * slotBytes);
        buffer.clear();
        NvmlReturn filled = NvmlReturn.of(call.fill(count, buffer));
        if (!filled.isSuccess()) {
            return NvmlResult.failed(filled);
        }
        List<R> result = new ArrayList<>();
        for (int i = 0; i < Math.min(count.getValue(), capacity); i++) {
            result.add(reader.read(buffer.share((long) i * rowBytes, rowBytes)));
        }
        return new NvmlResult<>(filled, List.copyOf(result));
    }
}
