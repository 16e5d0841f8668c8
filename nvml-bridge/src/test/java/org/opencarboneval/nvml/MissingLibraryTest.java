package org.opencarboneval.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alone in its class, so it runs in a JVM (see the surefire setup) where no libnvidia-ml.so.1 was ever loaded. */
class MissingLibraryTest {

    @Test
    void missingLibraryMeansZeroDevicesAndAStatusThatSaysSo(@TempDir Path directory) {
        Path absent = directory.resolve("absent/libnvidia-ml.so.1");
        try (GpuSampler sampler = GpuSampler.open(new NvmlOptions(Optional.of(absent.toString()), Map.of(), 1))) {
            assertEquals(List.of(), sampler.sample());
            assertFalse(sampler.available());
            // "not found" here; "nvmlInit failed" where Debian's real library is installed without a driver
            assertTrue(sampler.status().startsWith("GPU metrics off: "), sampler.status());
            assertTrue(sampler.status().contains("nvml.library=" + absent + " not loadable"), sampler.status());
        }
    }

    @Test
    void withoutAnyConfiguredPathTheStatusSaysHowToSetOne() {
        try (GpuSampler sampler = GpuSampler.open(new NvmlOptions(Optional.empty(), Map.of(), 1))) {
            assertEquals(List.of(), sampler.sample());
            assertTrue(sampler.status().equals("GPU metrics off: libnvidia-ml.so.1 not found (set nvml.library=/path)")
                || sampler.status().startsWith("GPU metrics off: nvmlInit failed: "), sampler.status());
        }
    }
}
