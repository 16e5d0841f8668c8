package org.opencarboneval.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * DRAM power where RAPL has no dram zone: {@link #WATTS_PER_GIB} for the memory this process can use, which is its
 * cgroup's limit when it has one (the container's share), else its resident memory. Never the host's installed
 * DIMMs: inside a container or on a shared node those belong to others.
 */
final class DramEstimate {

    /** 3 W per 8 GB of DDR, the figure CodeCarbon uses for RAM (its methodology cites Crucial's guidance). */
    static final double WATTS_PER_GIB = 3.0 / 8;
    private static final double BYTES_PER_GIB = 1L << 30;
    /**
     * cgroup v1 writes "no limit" as the largest page-aligned long (about 9.2e18 bytes); with the host's memory
     * unknown (its sensor failed), anything from 4 EiB up is read as that sentinel, not as a limit.
     */
    private static final long V1_UNLIMITED_FROM = 1L << 62;

    private DramEstimate() {
    }

    /**
     * The memory limit of this process's cgroup: v2 {@code memory.max}, else v1 {@code memory.limit_in_bytes}.
     * Empty when unlimited ("max", or v1's huge sentinel at or above the host's memory, or above 4 EiB when the host's
     * memory is unknown) or unreadable.
     */
    static OptionalLong cgroupLimitBytes(Path cgroupRoot, long hostTotalBytes) {
        for (Path file : List.of(cgroupRoot.resolve("memory.max"), cgroupRoot.resolve("memory/memory.limit_in_bytes"),
                cgroupRoot.resolve("memory.limit_in_bytes"))) {
            try {
                String text = Files.readString(file).strip();
                if (text.equals("max")) {
                    return OptionalLong.empty();
                }
                long limit = Long.parseLong(text);
                long unlimitedFrom = hostTotalBytes > 0 ? hostTotalBytes : V1_UNLIMITED_FROM;
                return limit > 0 && limit < unlimitedFrom ? OptionalLong.of(limit) : OptionalLong.empty();
            } catch (IOException | NumberFormatException notThisLayout) {
                // try the next cgroup layout
            }
        }
        return OptionalLong.empty();
    }

    static double watts(long bytes) {
        return bytes > 0 ? bytes / BYTES_PER_GIB * WATTS_PER_GIB : 0;
    }

    static String describe(OptionalLong cgroupLimit) {
        return cgroupLimit.isPresent()
            ? String.format(Locale.ROOT, "DRAM estimated at %.3f W/GiB of the %.1f GiB cgroup limit", WATTS_PER_GIB,
                cgroupLimit.getAsLong() / BYTES_PER_GIB)
            : String.format(Locale.ROOT, "DRAM estimated at %.3f W/GiB of this process's resident memory", WATTS_PER_GIB);
    }
}
