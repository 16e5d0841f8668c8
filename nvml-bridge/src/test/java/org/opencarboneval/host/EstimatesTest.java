package org.opencarboneval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimatesTest {

    private final CpuTdpTable table = CpuTdpTable.bundled();

    @Test
    void tableCoversCommonCpusEachWithASource() {
        assertTrue(table.rows().size() >= 30, "rows " + table.rows().size());
        assertTrue(table.rows().stream().allMatch(row -> !row.source().isBlank() && row.tdpWatts() > 0));
    }

    @Test
    void longestMatchingModelWins() {
        assertEquals(280.0, table.lookup("AMD EPYC 7763 64-Core Processor").orElseThrow().tdpWatts());
        assertEquals(150.0, table.lookup("Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz").orElseThrow().tdpWatts());
        assertEquals(120.0, table.lookup("AMD Ryzen 9 7950X3D 16-Core Processor").orElseThrow().tdpWatts());
        assertEquals(170.0, table.lookup("AMD Ryzen 9 7950X 16-Core Processor").orElseThrow().tdpWatts());
        assertTrue(table.lookup("AMD EPYC").isEmpty());
    }

    @Test
    void unknownCpuGetsTheDefaultPerCoreAndTheLinearModel() {
        CpuPowerEstimate estimate = CpuPowerEstimate.of(Optional.empty(), "AMD EPYC", 2, table);
        assertEquals(20.0, estimate.tdpWatts());
        assertEquals(2.0, estimate.watts(0));
        assertEquals(11.0, estimate.watts(0.5), 1e-9);
        assertEquals(20.0, estimate.watts(1));
        assertEquals(2.0, estimate.watts(Double.NaN));
        assertTrue(estimate.describe().contains("10 W x 2 physical cores, model not in table"));
    }

    @Test
    void cgroupLimitsV2V1AndUnlimited(@TempDir Path cgroup) throws IOException {
        long host = 64L << 30;
        assertEquals(OptionalLong.empty(), DramEstimate.cgroupLimitBytes(cgroup, host));
        Files.createDirectories(cgroup.resolve("memory"));
        Files.writeString(cgroup.resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        assertEquals(OptionalLong.empty(), DramEstimate.cgroupLimitBytes(cgroup, host));
        // The host's memory unknown (OSHI failed): the sentinel is still no limit, not 8 EiB of DRAM at 3.2 GW.
        assertEquals(OptionalLong.empty(), DramEstimate.cgroupLimitBytes(cgroup, 0));
        Files.writeString(cgroup.resolve("memory/memory.limit_in_bytes"), "4294967296\n");
        assertEquals(OptionalLong.of(4L << 30), DramEstimate.cgroupLimitBytes(cgroup, host));
        assertEquals(OptionalLong.of(4L << 30), DramEstimate.cgroupLimitBytes(cgroup, 0));
        Files.writeString(cgroup.resolve("memory.max"), "max\n");
        assertFalse(DramEstimate.cgroupLimitBytes(cgroup, host).isPresent());
        Files.writeString(cgroup.resolve("memory.max"), "2147483648\n");
        assertEquals(OptionalLong.of(2L << 30), DramEstimate.cgroupLimitBytes(cgroup, host));
        assertEquals(0.75, DramEstimate.watts(2L << 30), 1e-9);
    }
}
