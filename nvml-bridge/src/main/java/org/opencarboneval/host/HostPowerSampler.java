package org.opencarboneval.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Host CPU and DRAM power and energy: measured from RAPL when readable, otherwise estimated ({@link CpuPowerEstimate},
 * {@link DramEstimate}). With {@code attributeToProcess}, host-wide figures are charged to this process by its share
 * of CPU time (CPU) and of used memory (measured DRAM). Never throws; a counter that stops being readable switches
 * that reading to the estimate.
 */
public final class HostPowerSampler implements AutoCloseable {

    private static final String UNKNOWN_CPU = "unknown CPU";
    private static final Path PROC = Path.of("/proc");

    private final HostOptions options;
    private final OshiHost host;
    private final LongSupplier clock;
    private final CpuPowerEstimate cpuEstimate;
    private final OptionalLong cgroupLimit;
    private Rapl rapl;
    private long lastNanos;
    private double cpuJoules;
    private double dramJoules;

    /** What could not be set up, each part replaced by its fallback; empty, or ending in "; ". */
    private final String problems;

    private HostPowerSampler(HostOptions options, LongSupplier clock) {
        this.options = options;
        this.clock = clock;
        this.lastNanos = clock.getAsLong();
        StringBuilder problems = new StringBuilder();
        this.host = guarded(() -> OshiHost.open(clock.getAsLong()),
            failure -> noted(problems, "CPU load unknown (OSHI: " + failure + ")", null));
        this.rapl = guarded(() -> Rapl.open(options.powercapRoot()), failure -> Rapl.unusable("RAPL unreadable: " + failure));
        int cores = host == null ? Runtime.getRuntime().availableProcessors() : host.physicalCores();
        CpuTdpTable table = guarded(CpuTdpTable::bundled,
            failure -> noted(problems, "CPU TDP table unreadable (" + failure + ")", new CpuTdpTable(List.of())));
        this.cpuEstimate = CpuPowerEstimate.of(options.cpuTdpWatts(), cpuModel(), cores, table);
        this.cgroupLimit = guarded(
            () -> DramEstimate.cgroupLimitBytes(options.cgroupRoot(), host == null ? 0 : host.totalMemoryBytes()),
            failure -> noted(problems, "cgroup memory limit unreadable (" + failure + ")", OptionalLong.empty()));
        this.problems = problems.toString();
    }

    /** One part of the setup, or its fallback when it throws: the sampler opens whatever the host looks like. */
    private static <T> T guarded(Supplier<T> part, Function<Throwable, T> fallback) {
        try {
            return part.get();
        } catch (RuntimeException | LinkageError failure) {
            return fallback.apply(failure);
        }
    }

    private static <T> T noted(StringBuilder problems, String problem, T fallback) {
        problems.append(problem).append("; ");
        return fallback;
    }

    public static HostPowerSampler open(HostOptions options) {
        return open(options, System::nanoTime);
    }

    /** Never throws: a part that fails falls back to its estimate and {@link #status()} says so. */
    static HostPowerSampler open(HostOptions options, LongSupplier clock) {
        return new HostPowerSampler(options == null ? HostOptions.defaults() : options, clock);
    }

    /** One line: the CPU, and where CPU and DRAM power come from. */
    public synchronized String status() {
        String cpu = String.format(Locale.ROOT, "CPU %s (%d logical cores): ", cpuModel(), logicalCores());
        String cpuSource = rapl.usable() ? "CPU power measured by RAPL" : rapl.problem() + "; " + cpuEstimate.describe();
        String dramSource = rapl.usable() && rapl.hasDram() ? "DRAM measured by RAPL" : DramEstimate.describe(cgroupLimit,
            options.attributeToProcess());
        String attribution = options.attributeToProcess() ? "; attributed to this process by CPU time" : "";
        return cpu + problems + cpuSource + "; " + dramSource + attribution;
    }

    public synchronized HostReading sample() {
        long now = clock.getAsLong();
        double seconds = Math.max(0, (now - lastNanos) / 1e9);
        lastNanos = now;
        OshiHost.Loads loads = host == null ? new OshiHost.Loads(Double.NaN, Double.NaN) : host.loadsSinceLastCall(now);
        double cpuShare = options.attributeToProcess() ? cpuShare(loads) : 1;
        double cpuMeasuredJoules = Double.NaN;
        double dramMeasuredJoules = Double.NaN;
        if (rapl.usable()) {
            try {
                cpuMeasuredJoules = rapl.advancePackages();
                dramMeasuredJoules = rapl.hasDram() ? rapl.advanceDram() : Double.NaN;
            } catch (IOException | RuntimeException unreadable) {
                rapl = Rapl.unusable("RAPL stopped being readable (" + unreadable.getMessage() + ")");
                cpuMeasuredJoules = Double.NaN;
                dramMeasuredJoules = Double.NaN;
            }
        }
        boolean cpuMeasured = Double.isFinite(cpuMeasuredJoules);
        double cpuDelta = cpuMeasured ? cpuMeasuredJoules * cpuShare : cpuEstimate.watts(loads.system()) * cpuShare * seconds;
        boolean dramMeasured = Double.isFinite(dramMeasuredJoules);
        double dramDelta = dramMeasured ? dramMeasuredJoules * (options.attributeToProcess() ? memoryShare() : 1)
            : dramEstimateWatts() * seconds;
        cpuJoules += cpuDelta;
        dramJoules += dramDelta;
        return new HostReading(cpuModel(), logicalCores(), loads.system(), loads.process(),
            seconds > 0 ? cpuDelta / seconds : cpuEstimate.watts(loads.system()) * cpuShare, cpuJoules, cpuMeasured,
            seconds > 0 ? dramDelta / seconds : 0, dramJoules, dramMeasured);
    }

    /** The cgroup's limit (this process's share of it, attributed), else this process's resident memory. */
    private double dramEstimateWatts() {
        if (cgroupLimit.isPresent()) {
            double share = options.attributeToProcess() ? DramEstimate.processShare(options.cgroupRoot(), PROC) : 1;
            return DramEstimate.watts(cgroupLimit.getAsLong()) * share;
        }
        return DramEstimate.watts(host == null ? 0 : host.processResidentBytes());
    }

    /** This process's share of the CPU time used on the machine. */
    private static double cpuShare(OshiHost.Loads loads) {
        if (!(loads.system() > 0) || !Double.isFinite(loads.process())) {
            return 1;
        }
        return Math.min(1, loads.process() / loads.system());
    }

    /** This process's share of the memory in use on the machine. */
    private double memoryShare() {
        long used = host == null ? 0 : host.usedMemoryBytes();
        return used > 0 ? Math.min(1, (double) host.processResidentBytes() / used) : 1;
    }

    private String cpuModel() {
        return host == null ? UNKNOWN_CPU : host.cpuModel();
    }

    private int logicalCores() {
        return host == null ? Runtime.getRuntime().availableProcessors() : host.logicalCores();
    }

    @Override
    public void close() {
        // nothing held open: RAPL files are read per sample and OSHI keeps no handles
    }
}
