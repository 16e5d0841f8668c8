package org.opencarboneval.host;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where host power comes from.
 *
 * @param powercapRoot       the RAPL sysfs tree, normally {@code /sys/class/powercap}
 * @param cpuTdpWatts        overrides the TDP table for the estimate when RAPL is not readable
 * @param attributeToProcess charge the process only its share of CPU time (and of used memory for measured DRAM)
 * @param cgroupRoot         where the memory limit of this process's cgroup is read, normally {@code /sys/fs/cgroup}
 */
public record HostOptions(Path powercapRoot, Optional<Double> cpuTdpWatts, boolean attributeToProcess, Path cgroupRoot) {

    public static final Path DEFAULT_POWERCAP_ROOT = Path.of("/sys/class/powercap");
    public static final Path DEFAULT_CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    public HostOptions {
        powercapRoot = powercapRoot == null ? DEFAULT_POWERCAP_ROOT : powercapRoot;
        cpuTdpWatts = cpuTdpWatts == null ? Optional.empty() : cpuTdpWatts;
        cgroupRoot = cgroupRoot == null ? DEFAULT_CGROUP_ROOT : cgroupRoot;
    }

    public HostOptions(Path powercapRoot, Optional<Double> cpuTdpWatts, boolean attributeToProcess) {
        this(powercapRoot, cpuTdpWatts, attributeToProcess, DEFAULT_CGROUP_ROOT);
    }

    public static HostOptions defaults() {
        return new HostOptions(DEFAULT_POWERCAP_ROOT, Optional.empty(), true, DEFAULT_CGROUP_ROOT);
    }
}
