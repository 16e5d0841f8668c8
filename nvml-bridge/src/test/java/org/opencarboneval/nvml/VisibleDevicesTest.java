package org.opencarboneval.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class VisibleDevicesTest {

    private static final List<VisibleDevices.Device> FOUR = List.of(
        new VisibleDevices.Device(0, "GPU-aaaa-0"), new VisibleDevices.Device(1, "GPU-bbbb-1"),
        new VisibleDevices.Device(2, "GPU-cccc-2"), new VisibleDevices.Device(3, "GPU-cccd-3"));

    /** MIG-3333 is a slice of GPU 3 and MIG-1111 one of GPU 1; NVML knows no other MIG device. */
    private static final VisibleDevices.MigParents MIGS = uuid -> switch (uuid) {
        case "MIG-3333" -> NvmlResult.of(0, 3);
        case "MIG-1111" -> NvmlResult.of(0, 1);
        default -> NvmlResult.failed(NvmlReturn.NOT_FOUND);
    };

    private static VisibleDevices.Selection select(Map<String, String> environment) {
        return VisibleDevices.select(environment, FOUR, MIGS);
    }

    private static List<Integer> visible(Map<String, String> environment) {
        return select(environment).devices().stream().map(VisibleDevices.Device::index).toList();
    }

    @Test
    void noVariablesMeansAll() {
        assertEquals(List.of(0, 1, 2, 3), visible(Map.of()));
    }

    @Test
    void cudaIndicesInTheirOrder() {
        assertEquals(List.of(3, 1), visible(Map.of("CUDA_VISIBLE_DEVICES", "3, 1")));
    }

    @Test
    void cudaUuidPrefixesThatAreUnique() {
        assertEquals(List.of(1, 2), visible(Map.of("CUDA_VISIBLE_DEVICES", "GPU-bbbb,gpu-cccc")));
    }

    @Test
    void cudaStopsAtTheFirstEntryThatMatchesNothing() {
        assertEquals(List.of(1), visible(Map.of("CUDA_VISIBLE_DEVICES", "1,7,0")));
        assertEquals(List.of(), visible(Map.of("CUDA_VISIBLE_DEVICES", "-1")));
        assertEquals(List.of(0), visible(Map.of("CUDA_VISIBLE_DEVICES", "0,GPU-ccc,2")));
        assertEquals(List.of(), visible(Map.of("CUDA_VISIBLE_DEVICES", "")));
    }

    @Test
    void containerToolkitKeywords() {
        assertEquals(List.of(0, 1, 2, 3), visible(Map.of("NVIDIA_VISIBLE_DEVICES", "all")));
        assertEquals(List.of(), visible(Map.of("NVIDIA_VISIBLE_DEVICES", "none")));
        assertEquals(List.of(), visible(Map.of("NVIDIA_VISIBLE_DEVICES", "void")));
        assertEquals(List.of(), visible(Map.of("NVIDIA_VISIBLE_DEVICES", "")));
    }

    @Test
    void containerListFiltersOnlyWhenNvmlSeesMoreDevicesThanItNames() {
        // bare metal or a privileged container: NVML sees all four
        assertEquals(List.of(2, 0), visible(Map.of("NVIDIA_VISIBLE_DEVICES", "2,0")));
        assertEquals(List.of(3), visible(Map.of("NVIDIA_VISIBLE_DEVICES", "GPU-cccd-3")));
        // inside the container the runtime already applied "5": NVML sees one device, numbered 0
        List<VisibleDevices.Device> one = List.of(new VisibleDevices.Device(0, "GPU-ffff"));
        assertEquals(one, VisibleDevices.select(Map.of("NVIDIA_VISIBLE_DEVICES", "5"), one, MIGS).devices());
    }

    @Test
    void cudaAppliesToWhatTheContainerLeaves() {
        assertEquals(List.of(3), visible(Map.of("NVIDIA_VISIBLE_DEVICES", "1,3", "CUDA_VISIBLE_DEVICES", "1")));
    }

    @Test
    void migEntriesSelectTheirParentGpuOnceAndSaySo() {
        VisibleDevices.Selection selection = select(Map.of("CUDA_VISIBLE_DEVICES", "MIG-3333,MIG-3333,0"));
        assertEquals(List.of(3, 0), selection.devices().stream().map(VisibleDevices.Device::index).toList());
        assertEquals(List.of("CUDA_VISIBLE_DEVICES=MIG-3333,MIG-3333,0 applied",
            "MIG-3333 is a MIG slice of GPU 3: the whole GPU's energy is reported, MIG slices are not attributed"),
            selection.notes());
    }

    @Test
    void migEntryThatMatchesNothingEndsTheListAsCudaDoesAndIsNamed() {
        VisibleDevices.Selection selection = select(Map.of("CUDA_VISIBLE_DEVICES", "1,MIG-9999,2"));
        assertEquals(List.of(1), selection.devices().stream().map(VisibleDevices.Device::index).toList());
        assertEquals("MIG-9999 skipped: not mapped to its GPU (NVML_ERROR_NOT_FOUND)", selection.notes().get(1));
    }

    @Test
    void migOfAGpuTheContainerHidesIsSkipped() {
        VisibleDevices.Selection selection =
            select(Map.of("NVIDIA_VISIBLE_DEVICES", "0,3", "CUDA_VISIBLE_DEVICES", "MIG-1111"));
        assertEquals(List.of(), selection.devices());
        assertEquals("MIG-1111 skipped: its GPU 1 is not visible", selection.notes().get(1));
    }

    @Test
    void containerListMayNameMigDevices() {
        assertEquals(List.of(1), visible(Map.of("NVIDIA_VISIBLE_DEVICES", "MIG-1111")));
    }
}
