package org.opencarboneval.nvml;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** The nvml.h structs the bridge passes to NVML, with the same field order (JNA applies the C alignment rules). */
final class NvmlStructures {

    private NvmlStructures() {
    }

    /**
     * {@code nvmlPciInfo_t}. {@code busIdLegacy} sits where the original {@code busId[16]} was, so the plain
     * {@code nvmlDeviceGetPciInfo} fills it too; the 32-byte {@code busId} exists only for {@code _v2}/{@code _v3}.
     */
    @Structure.FieldOrder({"busIdLegacy", "domain", "bus", "device", "pciDeviceId", "pciSubSystemId", "busId"})
    public static final class PciInfo extends Structure {
        public byte[] busIdLegacy = new byte[16];
        public int domain;
        public int bus;
        public int device;
        public int pciDeviceId;
        public int pciSubSystemId;
        public byte[] busId = new byte[32];

        String busId(boolean fullBusIdFilled) {
            return Native.toString(fullBusIdFilled ? busId : busIdLegacy);
        }
    }

    /** {@code nvmlUtilization_t}: percent of the last sample period. */
    @Structure.FieldOrder({"gpu", "memory"})
    public static final class Utilization extends Structure {
        public int gpu;
        public int memory;
    }

    /** {@code nvmlMemory_t}, in bytes (unsigned long long). */
    @Structure.FieldOrder({"total", "free", "used"})
    public static final class MemoryInfo extends Structure {
        public long total;
        public long free;
        public long used;
    }

    /**
     * {@code nvmlProcessInfo_v1_t}, filled by the plain {@code nvmlDeviceGetComputeRunningProcesses}. Every later
     * process row starts with these two fields, so this reads the start of a row of any layout.
     */
    @Structure.FieldOrder({"pid", "usedGpuMemory"})
    public static final class ProcessInfoV1 extends Structure {
        public int pid;
        public long usedGpuMemory;

        public ProcessInfoV1() {
        }

        ProcessInfoV1(Pointer row) {
            super(row);
            read();
        }
    }

    /** {@code nvmlProcessInfo_v2_t}, filled by {@code _v2}, and by {@code _v3} of most drivers. */
    @Structure.FieldOrder({"pid", "usedGpuMemory", "gpuInstanceId", "computeInstanceId"})
    public static final class ProcessInfoV2 extends Structure {
        public int pid;
        public long usedGpuMemory;
        public int gpuInstanceId;
        public int computeInstanceId;
    }

    /** {@code nvmlProcessInfo_t} of R525 to early R535 drivers, filled by their {@code _v3}. */
    @Structure.FieldOrder({"pid", "usedGpuMemory", "gpuInstanceId", "computeInstanceId", "usedGpuCcProtectedMemory"})
    public static final class ProcessInfoConfCompute extends Structure {
        public int pid;
        public long usedGpuMemory;
        public int gpuInstanceId;
        public int computeInstanceId;
        public long usedGpuCcProtectedMemory;
    }

    /** {@code nvmlProcessUtilizationSample_t}: one process's utilization percentages at {@code timeStamp} (µs). */
    @Structure.FieldOrder({"pid", "timeStamp", "smUtil", "memUtil", "encUtil", "decUtil"})
    public static final class ProcessUtilizationSample extends Structure {
        public int pid;
        public long timeStamp;
        public int smUtil;
        public int memUtil;
        public int encUtil;
        public int decUtil;

        public ProcessUtilizationSample() {
        }

        ProcessUtilizationSample(Pointer row) {
            super(row);
            read();
        }
    }
}
