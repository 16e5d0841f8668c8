package org.opencarboneval.nvml;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The NVML C functions the bridge uses, mapped by JNA (signatures from nvml.h; {@code nvmlDevice_t} is an opaque
 * pointer, every function returns an {@code nvmlReturn_t}). A function the loaded driver lacks throws
 * {@link UnsatisfiedLinkError} at its first call; {@link Nvml} catches that and falls back to the older symbol.
 */
interface NvmlLibrary extends Library {

    int nvmlInit_v2();

    int nvmlInit();

    int nvmlShutdown();

    String nvmlErrorString(int result);

    int nvmlSystemGetDriverVersion(byte[] version, int length);

    int nvmlDeviceGetCount_v2(IntByReference count);

    int nvmlDeviceGetCount(IntByReference count);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetHandleByIndex(int index, PointerByReference device);

    int nvmlDeviceGetHandleByUUID(String uuid, PointerByReference device);

    int nvmlDeviceGetDeviceHandleFromMigDeviceHandle(Pointer migDevice, PointerByReference device);

    int nvmlDeviceGetIndex(Pointer device, IntByReference index);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

    int nvmlDeviceGetPciInfo_v3(Pointer device, NvmlStructures.PciInfo pci);

    int nvmlDeviceGetPciInfo_v2(Pointer device, NvmlStructures.PciInfo pci);

    int nvmlDeviceGetPciInfo(Pointer device, NvmlStructures.PciInfo pci);

    int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts);

    int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

    int nvmlDeviceGetUtilizationRates(Pointer device, NvmlStructures.Utilization utilization);

    int nvmlDeviceGetMemoryInfo(Pointer device, NvmlStructures.MemoryInfo memory);

    int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference celsius);

    int nvmlDeviceGetClockInfo(Pointer device, int clockType, IntByReference megahertz);

    // Arrays of structs are passed as plain buffers: their row size depends on the driver (see ProcessRowLayout).

    int nvmlDeviceGetComputeRunningProcesses_v3(Pointer device, IntByReference count, Pointer infos);

    int nvmlDeviceGetComputeRunningProcesses_v2(Pointer device, IntByReference count, Pointer infos);

    int nvmlDeviceGetComputeRunningProcesses(Pointer device, IntByReference count, Pointer infos);

    int nvmlDeviceGetProcessUtilization(Pointer device, Pointer samples, IntByReference count, long lastSeenTimeStamp);
}
