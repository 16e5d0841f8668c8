package org.opencarboneval.exporter;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the exporter shows of a run at one moment: an immutable value the agent builds from its own snapshot (one small
 * adapter class), so this module never depends on the agent. Counters ({@code steps}, energies, emissions) are
 * cumulative over the whole run, earlier attempts of the same run included, and must never decrease, not even from
 * one attempt to the next: the agent gives them as of its ledger's latest record, where a restart resumes, and the
 * forecast of the totals as of the same record, so that a forecast total less its counter is what remains.
 *
 * @param runId                      the run's id; every series carries it as {@code run_id}. Read from the first view.
 * @param elapsedSeconds             wall time of the run; the status page's chart uses it as its time axis
 * @param steps                      training steps trained, those a job redoes after restoring its checkpoint
 *                                   included: the run's position goes back at a restore, this does not
 * @param progressRatio              steps done / total steps, 0..1; empty while the total is unknown
 * @param stepsPerSecond             recent throughput
 * @param powerWatts                 current power draw per component, before PUE
 * @param energyJoules               energy drawn per component, before PUE
 * @param emissionsGrams             CO2e emitted so far (energy x PUE x grid intensity)
 * @param gpus                       the GPUs this JVM uses, as of this moment
 * @param gridGramsPerKwh            grid carbon intensity
 * @param pue                        datacenter power usage effectiveness
 * @param forecast                   the live forecast of the run's totals; empty until one exists
 * @param estimateEmissionsGrams     the a-priori estimate of the run's total CO2e; empty when there is none
 * @param info                       constant facts about the agent and the run, exported as {@code oce_agent_info}
 * @param errorCounts                failures the agent survived so far, per kind (e.g. {@code gpu_read}); each
 *                                   count never decreases, and a kind once shown stays
 * @param grid                       where the intensity in force comes from, the greener-start advice, the budgets
 */
public record RunView(String runId, double elapsedSeconds, long steps, OptionalDouble progressRatio,
        double stepsPerSecond, PerComponent powerWatts, PerComponent energyJoules, double emissionsGrams,
        List<Gpu> gpus, double gridGramsPerKwh, double pue, Optional<Forecast> forecast,
        OptionalDouble estimateEmissionsGrams, Info info, Map<String, Long> errorCounts, Grid grid) {

    /** A view whose intensity is the table's, without advice or budgets. */
    public RunView(String runId, double elapsedSeconds, long steps, OptionalDouble progressRatio,
            double stepsPerSecond, PerComponent powerWatts, PerComponent energyJoules, double emissionsGrams,
            List<Gpu> gpus, double gridGramsPerKwh, double pue, Optional<Forecast> forecast,
            OptionalDouble estimateEmissionsGrams, Info info, Map<String, Long> errorCounts) {
        this(runId, elapsedSeconds, steps, progressRatio, stepsPerSecond, powerWatts, energyJoules, emissionsGrams,
            gpus, gridGramsPerKwh, pue, forecast, estimateEmissionsGrams, info, errorCounts, Grid.TABLE);
    }

    public RunView {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(progressRatio, "progressRatio");
        Objects.requireNonNull(powerWatts, "powerWatts");
        Objects.requireNonNull(energyJoules, "energyJoules");
        gpus = List.copyOf(gpus);
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(estimateEmissionsGrams, "estimateEmissionsGrams");
        Objects.requireNonNull(info, "info");
        errorCounts = Map.copyOf(errorCounts);
        Objects.requireNonNull(grid, "grid");
    }

    /** The GPU with this index, if the run currently sees it. */
    public Optional<Gpu> gpu(int index) {
        return gpus.stream().filter(g -> g.index() == index).findFirst();
    }

    /** One value per measured component, in watts or joules by context. */
    public record PerComponent(double gpu, double cpu, double dram) {

        public double total() {
            return gpu + cpu + dram;
        }
    }

    /**
     * One GPU's latest reading.
     *
     * @param utilizationRatio busy fraction 0..1, not NVML's percent (the bridge's readings are ratios already)
     * @param energyJoules     this JVM's cumulative share of the GPU's energy
     */
    public record Gpu(int index, String uuid, String name, double powerWatts, double utilizationRatio,
            long memoryUsedBytes, double energyJoules) {

        public Gpu {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(name, "name");
        }
    }

    /** An expected value with its interval. */
    public record Bounds(double expected, double lower, double upper) {
    }

    /** The forecast of the run's totals (so far plus predicted remainder) and of the time left. */
    public record Forecast(Bounds totalEmissionsGrams, Bounds totalEnergyJoules, double remainingSeconds) {

        public Forecast {
            Objects.requireNonNull(totalEmissionsGrams, "totalEmissionsGrams");
            Objects.requireNonNull(totalEnergyJoules, "totalEnergyJoules");
        }
    }

    /**
     * Constant labels of {@code oce_agent_info} (with {@code pue} taken from the view).
     *
     * @param hardware        the accelerator or CPU the run uses, e.g. "NVIDIA H100 SXM5"
     * @param intensitySource where the grid intensity came from, e.g. "setting ci" or "region table"
     * @param rank            this process's rank in a distributed job, e.g. "1"; empty when no launcher said
     * @param worldSize       the job's number of processes, e.g. "4"; empty when unknown
     */
    public record Info(String version, String hardware, String region, String intensitySource, String rank,
            String worldSize) {

        public Info {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(hardware, "hardware");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(intensitySource, "intensitySource");
            Objects.requireNonNull(rank, "rank");
            Objects.requireNonNull(worldSize, "worldSize");
        }

        /** A process that is not one rank of a distributed job. */
        public Info(String version, String hardware, String region, String intensitySource) {
            this(version, hardware, region, intensitySource, "", "");
        }
    }

    /**
     * The grid side of the run.
     *
     * @param intensitySource where the intensity in force comes from: one of {@link #SOURCES}
     * @param greenerStart    the remaining work's CO2e if started at the greenest moment of the intensity forecast
     * @param budgetGrams     the CO2e budget, if one is set
     * @param budgetJoules    the energy budget (device energy, before PUE), if one is set
     */
    public record Grid(String intensitySource, Optional<GreenerStart> greenerStart, OptionalDouble budgetGrams,
            OptionalDouble budgetJoules) {

        /** The values of {@code intensitySource}, each a series of {@code oce_grid_intensity_source}. */
        public static final List<String> SOURCES = List.of("live", "forecast", "table", "file");
        public static final Grid TABLE = new Grid("table", Optional.empty(), OptionalDouble.empty(),
            OptionalDouble.empty());

        public Grid {
            if (!SOURCES.contains(intensitySource)) {
                throw new IllegalArgumentException("intensity source '" + intensitySource + "' is not one of "
                    + SOURCES);
            }
            Objects.requireNonNull(greenerStart, "greenerStart");
            Objects.requireNonNull(budgetGrams, "budgetGrams");
            Objects.requireNonNull(budgetJoules, "budgetJoules");
        }
    }

    /** Start the remaining work {@code delaySeconds} from now and it emits {@code remainingGrams} (expected). */
    public record GreenerStart(double delaySeconds, double remainingGrams) {
    }
}
