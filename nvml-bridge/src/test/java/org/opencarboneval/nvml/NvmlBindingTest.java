package org.opencarboneval.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.sun.jna.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed binding itself, against both variants of the fake library. */
class NvmlBindingTest {

    @TempDir
    Path directory;

    private Nvml nvml;

    private Nvml initialised(String variant, String... script) {
        FakeNvml.script(directory, script);
        nvml = NvmlLoader.load(Optional.of(FakeNvml.library(variant).toString())).nvml().orElseThrow();
        assertEquals(NvmlReturn.SUCCESS, nvml.init());
        return nvml;
    }

    @AfterEach
    void shutdown() {
        if (nvml != null) {
            nvml.shutdown();
        }
    }

    @Test
    void errorStringsComeFromTheLibrary() {
        Nvml library = initialised(FakeNvml.FULL);
        assertEquals("GPU is lost (fake)", library.errorString(NvmlReturn.GPU_IS_LOST));
        assertEquals("Not Supported (fake)", library.errorString(NvmlReturn.NOT_SUPPORTED));
        assertEquals("Unknown Error (fake)", library.errorString(NvmlReturn.UNRECOGNIZED));
    }

    @Test
    void fullDriverUsesTheNewestSymbols() {
        Nvml library = initialised(FakeNvml.FULL, "gpus 2", "gpu 1 processes 100:1024,200:2048");
        assertEquals(2, library.deviceCount().value());
        Pointer second = library.handle(1).value();
        assertEquals("00000000:11:00.0", library.pciBusId(second).value());
        assertEquals(List.of(new GpuProcess(100, 1L << 30), new GpuProcess(200, 2L << 30)),
            library.computeProcesses(second).value());
        assertEquals(700_000L, library.enforcedPowerLimitMilliwatts(second).value());
        assertEquals(1980L, library.smClockMegahertz(second).value());
        assertEquals("999.99.99-fake", library.driverVersion().value());
        assertEquals("nvmlInit_v2, nvmlDeviceGetCount_v2, nvmlDeviceGetHandleByIndex_v2, nvmlDeviceGetPciInfo_v3, "
            + "nvmlDeviceGetComputeRunningProcesses_v3", library.resolvedSymbols());
    }

    @Test
    void oldDriverFallsBackToThePlainSymbolsAndTheirLayouts() {
        Nvml library = initialised(FakeNvml.NO_V3, "gpus 2", "gpu 0 processes 100:1024,200:2048");
        assertEquals(2, library.deviceCount().value());
        Pointer first = library.handle(0).value();
        assertEquals("0000:10:00.0", library.pciBusId(first).value());
        assertEquals(List.of(new GpuProcess(100, 1L << 30), new GpuProcess(200, 2L << 30)),
            library.computeProcesses(first).value());
        assertEquals("nvmlInit, nvmlDeviceGetCount, nvmlDeviceGetHandleByIndex, nvmlDeviceGetPciInfo, "
            + "nvmlDeviceGetComputeRunningProcesses", library.resolvedSymbols());
    }

    @Test
    void processRowsOfConfidentialComputingDriversAre32BytesWide() {
        // R525 to early R535: _v3 fills rows with usedGpuCcProtectedMemory; read with 24-byte rows, every row after
        // the first would be misread and NVML would write past the end of the buffer
        Nvml library = initialised(FakeNvml.CC_ROWS, "gpu 0 processes 100:1024,200:2048,300:512");
        assertEquals(List.of(new GpuProcess(100, 1L << 30), new GpuProcess(200, 2L << 30), new GpuProcess(300, 512L << 20)),
            library.computeProcesses(library.handle(0).value()).value());
        assertEquals(ProcessRowLayout.V3_CONF_COMPUTE, library.v3ProcessRows());
    }

    @Test
    void currentDriverProcessRowsAre24BytesWide() {
        Nvml library = initialised(FakeNvml.FULL, "gpu 0 processes 100:1024,200:2048,300:512");
        assertEquals(List.of(new GpuProcess(100, 1L << 30), new GpuProcess(200, 2L << 30), new GpuProcess(300, 512L << 20)),
            library.computeProcesses(library.handle(0).value()).value());
        assertEquals(ProcessRowLayout.V2, library.v3ProcessRows());
    }

    @Test
    void migDeviceLeadsToItsParentGpu() {
        Nvml library = initialised(FakeNvml.FULL, "gpus 2", "mig MIG-1111 1");
        Pointer mig = library.handleByUuid("MIG-1111").value();
        assertEquals(1, library.index(library.parentOfMig(mig).value()).value());
        assertEquals(NvmlReturn.NOT_FOUND, library.handleByUuid("MIG-9999").code());
        assertEquals(NvmlReturn.INVALID_ARGUMENT, library.parentOfMig(library.handle(0).value()).code());
    }

    @Test
    void processUtilizationSamplesAreRead() {
        Nvml library = initialised(FakeNvml.FULL, "gpu 0 process_util 100:60,200:20");
        List<ProcessUtilization> samples = library.processUtilization(library.handle(0).value(), 5000).value();
        assertEquals(List.of(100L, 200L), samples.stream().map(ProcessUtilization::pid).toList());
        assertEquals(List.of(60, 20), samples.stream().map(ProcessUtilization::smPercent).toList());
        assertEquals(6000L, samples.get(0).timeStampMicros());
    }

    @Test
    void errorsAreTypedResultsNotExceptions() {
        Nvml library = initialised(FakeNvml.FULL, "gpu 0 energy not_supported", "gpu 0 lost_after 0");
        Pointer device = library.handle(0).value();
        assertEquals(NvmlReturn.INVALID_ARGUMENT, library.handle(5).code());
        assertEquals(NvmlReturn.GPU_IS_LOST, library.powerMilliwatts(device).code());
        assertEquals(NvmlReturn.GPU_IS_LOST, library.totalEnergyMillijoules(device).code());
        library.shutdown();
        assertEquals(NvmlReturn.UNINITIALIZED, library.deviceCount().code());
    }

    @Test
    void returnCodesMatchNvmlHeader() {
        assertEquals(NvmlReturn.GPU_IS_LOST, NvmlReturn.of(15));
        assertEquals(NvmlReturn.INVALID_STATE, NvmlReturn.of(29));
        assertEquals(NvmlReturn.UNKNOWN, NvmlReturn.of(999));
        assertEquals(NvmlReturn.UNRECOGNIZED, NvmlReturn.of(31));
        assertEquals("NVML_ERROR_DRIVER_NOT_LOADED", NvmlReturn.DRIVER_NOT_LOADED.nvmlName());
        assertEquals(NvmlReturn.values().length,
            Arrays.stream(NvmlReturn.values()).mapToInt(NvmlReturn::code).distinct().count());
        assertTrue(NvmlReturn.GPU_IS_LOST.isDeviceLost());
    }
}
