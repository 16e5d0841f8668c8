package org.opencarboneval.nvml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The process whose share of the GPUs is measured, by the pids NVML may list it under. NVML lists the pids of the
 * driver's PID namespace (the host's), while a process in a container knows itself by its own namespace's pid:
 * {@code /proc/self/status}'s {@code NSpid} line gives both when this {@code /proc} belongs to an outer namespace. When
 * it shows only one pid although the process is not in the host's namespace, its host pid cannot be known, and
 * {@link #unmappable} says so: then no GPU can be told to be someone else's.
 *
 * @param pids       this process's pid in each PID namespace {@code /proc} shows, outermost first
 * @param unmappable why NVML's pids cannot be matched to this process; empty when they can
 */
public record MonitoredProcess(Set<Long> pids, Optional<String> unmappable) {

    /** The inode of the initial (host) PID namespace, fixed in the kernel: {@code PROC_PID_INIT_INO}, 0xEFFFFFFC. */
    static final String HOST_NAMESPACE = "pid:[4026531836]";

    public MonitoredProcess {
        pids = Set.copyOf(pids);
    }

    /** A process in the host's PID namespace, known by this one pid. */
    public static MonitoredProcess of(long pid) {
        return new MonitoredProcess(Set.of(pid), Optional.empty());
    }

    /** This JVM, as {@code /proc} describes it. */
    public static MonitoredProcess current() {
        return fromProc(Path.of("/proc"), ProcessHandle.current().pid());
    }

    /**
     * The process {@code pid} (as it knows itself) from a {@code /proc} tree's {@code self/status} and
     * {@code self/ns/pid}. Where either cannot be read (no procfs, a kernel before 4.1), {@code pid} is taken as the
     * host's, as it is outside containers.
     */
    static MonitoredProcess fromProc(Path proc, long pid) {
        Set<Long> nsPids = nsPids(proc.resolve("self/status"));
        if (nsPids.size() > 1) {
            return new MonitoredProcess(nsPids, Optional.empty());
        }
        Optional<String> namespace = namespace(proc.resolve("self/ns/pid"));
        if (namespace.isPresent() && !namespace.get().equals(HOST_NAMESPACE)) {
            return new MonitoredProcess(Set.of(pid), Optional.of("this process runs in PID namespace "
                + namespace.get() + ", not the host's, and /proc shows no host pid for it (NSpid has one entry), "
                + "so NVML's pids cannot be matched: a GPU other processes use too is charged whole"));
        }
        return of(pid);
    }

    /** Whether NVML's {@code pid} is this process. */
    boolean is(long pid) {
        return pids.contains(pid);
    }

    private static Set<Long> nsPids(Path status) {
        try {
            Set<Long> pids = new LinkedHashSet<>();
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("NSpid:")) {
                    for (String pid : line.substring("NSpid:".length()).trim().split("\\s+")) {
                        pids.add(Long.parseLong(pid));
                    }
                }
            }
            return pids;
        } catch (IOException | RuntimeException unreadable) {
            return Set.of();
        }
    }

    private static Optional<String> namespace(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link).toString());
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
