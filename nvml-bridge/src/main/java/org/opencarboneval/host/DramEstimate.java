package org.opencarboneval.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * DRAM power where RAPL has no dram zone: {@link #WATTS_PER_GIB} for the memory this process can use, which is its
 * cgroup's limit when it has one (the container's share; of it, this process's share of the memory its processes
 * hold), else its resident memory. Never the host's installed
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

    /**
     * This process's share of the resident memory of its cgroup's processes ({@code cgroup.procs}, v2 or v1's memory
     * controller), so that the ranks of a job in one container each charge their part of its limit, not all of it;
     * a process alone (beside a shell or a launcher) keeps nearly all. 1 where the list cannot be read or does not
     * name this process (another pid namespace's numbers).
     */
    static double processShare(Path cgroupRoot, Path proc) {
        for (Path list : List.of(cgroupRoot.resolve("cgroup.procs"), cgroupRoot.resolve("memory/cgroup.procs"))) {
            try {
                List<String> pids = Files.readAllLines(list).stream().map(String::strip).filter(p -> !p.isEmpty())
                    .toList();
                String self = Long.toString(ProcessHandle.current().pid());
                if (!pids.contains(self)) {
                    return 1;
                }
                long own = residentPages(proc.resolve("self/statm"));
                long all = 0;
                for (String pid : pids) {
                    // this process's own figure once: read twice, it would differ by what was allocated between
                    all += pid.equals(self) ? own : residentPages(proc.resolve(pid).resolve("statm"));
                }
                return own > 0 && all >= own ? (double) own / all : 1;
            } catch (IOException | RuntimeException notThisLayout) {
                // try the next cgroup layout
            }
        }
        return 1;
    }

    /** The second field of {@code statm}; 0 for a process that has ended meanwhile. */
    private static long residentPages(Path statm) {
        try {
            String[] fields = Files.readString(statm).strip().split("\\s+");
            return fields.length > 1 ? Long.parseLong(fields[1]) : 0;
        } catch (IOException | NumberFormatException ended) {
            return 0;
        }
    }

    static double watts(long bytes) {
        return bytes > 0 ? bytes / BYTES_PER_GIB * WATTS_PER_GIB : 0;
    }

    static String describe(OptionalLong cgroupLimit, boolean shared) {
        return cgroupLimit.isPresent()
            ? String.format(Locale.ROOT, "DRAM estimated at %.3f W/GiB of the %.1f GiB cgroup limit%s", WATTS_PER_GIB,
                cgroupLimit.getAsLong() / BYTES_PER_GIB,
                shared ? " (this process's share by resident memory of the cgroup's processes)" : "")
            : String.format(Locale.ROOT, "DRAM estimated at %.3f W/GiB of this process's resident memory", WATTS_PER_GIB);
    }
}
