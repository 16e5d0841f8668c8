package org.opencarboneval.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class VisibleDevicesTest {

    private static final List<VisibleDevices.Device> FOUR = List.of(
        new VisibleDevices.Device(0, "GPU-aaaa-0"), new VisibleDevices.Device(1, "GPU-bbbb-1"),
        new VisibleDevices.Device(2, "GPU-cccc-2"), new VisibleDevices.Device(3, "GPU-cccd-3"));

    private static List<Integer> visible(Map<String, String> environment) {
        return VisibleDevices.select(environment, FOUR).devices().stream().map(VisibleDevices.Device::index).toList();
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
        assertEquals(one, VisibleDevices.select(Map.of("NVIDIA_VISIBLE_DEVICES", "5"), one).devices());
    }

    @Test
    void cudaAppliesToWhatTheContainerLeaves() {
        assertEquals(List.of(3), visible(Map.of("NVIDIA_VISIBLE_DEVICES", "1,3", "CUDA_VISIBLE_DEVICES", "1")));
    }
}
