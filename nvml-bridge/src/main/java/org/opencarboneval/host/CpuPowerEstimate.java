package org.opencarboneval.host;

import java.util.Locale;
import java.util.Optional;

/**
 * CPU power where RAPL is not readable: the linear utilization model of Fan, Weber and Barroso ("Power provisioning
 * for a warehouse-sized computer", ISCA 2007), P = TDP x (IDLE + (1 - IDLE) x load), with the whole-system CPU load.
 * TDP comes from the setting, else {@link CpuTdpTable}, else {@link #WATTS_PER_CORE} per physical core.
 */
final class CpuPowerEstimate {

    /**
     * Package power at idle as a fraction of TDP. An assumption, not a measurement: modern server packages in deep
     * C-states draw a small fraction of TDP.
     */
    static final double IDLE_FRACTION = 0.1;

    /**
     * TDP per physical core for CPUs not in the table. The table's rows run from about 4 W per core (64-core EPYCs)
     * to 12 W (8-core desktop parts); 10 W errs high, so an unknown CPU is over- rather than under-estimated.
     */
    static final double WATTS_PER_CORE = 10;

    private final double tdpWatts;
    private final String basis;

    private CpuPowerEstimate(double tdpWatts, String basis) {
        this.tdpWatts = tdpWatts;
        this.basis = basis;
    }

    static CpuPowerEstimate of(Optional<Double> configuredTdp, String cpuModel, int physicalCores, CpuTdpTable table) {
        if (configuredTdp.isPresent()) {
            return new CpuPowerEstimate(configuredTdp.get(), "configured");
        }
        Optional<CpuTdpTable.Row> row = table.lookup(cpuModel);
        if (row.isPresent()) {
            return new CpuPowerEstimate(row.get().tdpWatts(), row.get().source());
        }
        int cores = Math.max(1, physicalCores);
        return new CpuPowerEstimate(cores * WATTS_PER_CORE,
            String.format(Locale.ROOT, "%.0f W x %d physical cores, model not in table", WATTS_PER_CORE, cores));
    }

    double tdpWatts() {
        return tdpWatts;
    }

    /** Watts at a whole-system CPU load in 0..1 (NaN counts as idle). */
    double watts(double systemLoad) {
        double load = Double.isFinite(systemLoad) ? Math.min(1, Math.max(0, systemLoad)) : 0;
        return tdpWatts * (IDLE_FRACTION + (1 - IDLE_FRACTION) * load);
    }

    String describe() {
        return String.format(Locale.ROOT, "CPU power estimated as TDP %.0f W (%s) x (%.1f + %.1f x load)",
            tdpWatts, basis, IDLE_FRACTION, 1 - IDLE_FRACTION);
    }
}
