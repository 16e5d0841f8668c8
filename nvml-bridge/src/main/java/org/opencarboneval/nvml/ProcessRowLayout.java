package org.opencarboneval.nvml;

import java.util.Arrays;
import java.util.function.Predicate;

import com.sun.jna.Pointer;

/**
 * The row layouts of NVML's compute-process arrays. {@code _v3}'s row changed size under one name: drivers R525 to
 * early R535 fill an {@code nvmlProcessInfo_t} ending in {@code usedGpuCcProtectedMemory} (32 bytes); later ones moved
 * that field to {@code nvmlDeviceGetRunningProcessDetailList} and went back to 24 bytes (Debian's 535.261.03 exports
 * both symbols). The driver's symbols tell which, as in nvitop. Every layout starts with pid and usedGpuMemory.
 */
enum ProcessRowLayout {
    V1(new NvmlStructures.ProcessInfoV1().size()),
    V2(new NvmlStructures.ProcessInfoV2().size()),
    V3_CONF_COMPUTE(new NvmlStructures.ProcessInfoConfCompute().size());

    /** Every process buffer gets this many bytes per row, so a driver using another layout cannot write past it. */
    static final int WIDEST = Arrays.stream(values()).mapToInt(ProcessRowLayout::bytes).max().orElseThrow();

    private final int bytes;

    ProcessRowLayout(int bytes) {
        this.bytes = bytes;
    }

    /** The rows {@code nvmlDeviceGetComputeRunningProcesses_v3} writes, from what the driver exports. */
    static ProcessRowLayout ofV3(Predicate<String> exported) {
        return exported.test("nvmlDeviceGetConfComputeMemSizeInfo") && !exported.test("nvmlDeviceGetRunningProcessDetailList")
            ? V3_CONF_COMPUTE : V2;
    }

    int bytes() {
        return bytes;
    }

    /** One row of any layout, from its start. */
    static GpuProcess read(Pointer row) {
        NvmlStructures.ProcessInfoV1 start = new NvmlStructures.ProcessInfoV1(row);
        return new GpuProcess(Integer.toUnsignedLong(start.pid), start.usedGpuMemory);
    }
}
