package org.opencarboneval.agent.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.IntensityChoice;
import org.opencarboneval.agent.config.SettingKey;
import org.opencarboneval.calibration.Range;
import org.opencarboneval.exporter.RunView;

/**
 * The agent's {@link RunSnapshot} as the exporter's {@link RunView}: the one place that knows both, so the exporter
 * never depends on the agent. Units already match (the bridge's GPU utilization is a 0..1 ratio, energies are joules
 * before PUE) except the grid intensity, kg/kWh here and g/kWh in the metrics.
 */
final class RunViews {

    private final String version;
    private final Optional<String> configuredHardware;
    private final String intensitySource;
    private final JobRank rank;
    private final OptionalDouble budgetGrams;
    private final OptionalDouble budgetJoules;

    RunViews(String version, Optional<String> configuredHardware, String intensitySource, JobRank rank) {
        this(version, configuredHardware, intensitySource, rank, OptionalDouble.empty(), OptionalDouble.empty());
    }

    RunViews(String version, Optional<String> configuredHardware, String intensitySource, JobRank rank,
            OptionalDouble budgetGrams, OptionalDouble budgetJoules) {
        this.version = version;
        this.configuredHardware = configuredHardware;
        this.intensitySource = intensitySource;
        this.rank = rank;
        this.budgetGrams = budgetGrams;
        this.budgetJoules = budgetJoules;
    }

    static RunViews of(AgentSettings settings) {
        String table = settings.ci().isPresent() ? "setting ci"
            : settings.region().isPresent() ? "region table" : "world average";
        String source = settings.intensity() == IntensityChoice.TABLE ? table
            : "intensity " + settings.intensity().label() + settings.text(SettingKey.INTENSITY_ZONE).map(z -> " " + z)
                .orElse("") + ", else " + table;
        return new RunViews(version(), settings.hardware(), source, JobRank.current(), settings.budgetGrams(),
            settings.budgetJoules());
    }

    /** The loop's view now, or null before its first sample; for the exporter. */
    RunView view(SamplingLoop loop) {
        return view(loop.latest(), loop.countersOnRecord(), loop.errors().counts());
    }

    /**
     * The view of {@code run} with the failures counted so far, its counters (the GPUs' energies too, so that they
     * add up to the GPU component's) and the forecast of the totals they lead to taken from {@code counters}, the
     * run's latest snapshot on record, so that a forecast total less a counter is what remains; null while either is
     * missing (the exporter's "no sample yet").
     */
    RunView view(RunSnapshot run, RunSnapshot counters, Map<String, Long> errorCounts) {
        if (run == null || counters == null) {
            return null;
        }
        Map<String, Double> gpuEnergy = counters.gpus().stream()
            .collect(Collectors.toMap(GpuState::uuid, GpuState::energyJoules, (a, b) -> b));
        return new RunView(run.runId(), run.elapsedSeconds(), counters.stepsTrained(), run.progress(),
            run.stepsPerSecond(), perComponent(run.powerWatts()), perComponent(counters.energyJoules()),
            counters.co2eGrams(),
            run.gpus().stream().map(gpu -> gpu(gpu, gpuEnergy.getOrDefault(gpu.uuid(), 0.0))).toList(),
            run.carbon().kgPerKwh() * 1000, run.carbon().pue(),
            counters.forecast().map(RunViews::forecast), run.estimateGrams(), info(run), errorCounts,
            grid(run, counters));
    }

    private RunView.Grid grid(RunSnapshot run, RunSnapshot counters) {
        return new RunView.Grid(run.carbon().source(), counters.forecast().flatMap(RunForecast::greenerStart)
            .map(g -> new RunView.GreenerStart(g.delaySeconds(), g.remainingGrams())), budgetGrams, budgetJoules);
    }

    private RunView.Info info(RunSnapshot run) {
        String hardware = configuredHardware
            .or(() -> run.gpus().stream().findFirst().map(GpuState::name))
            .orElse("cpu");
        return new RunView.Info(version, hardware, run.carbon().region(), intensitySource, rank.rankLabel(),
            rank.worldSizeLabel());
    }

    private static RunView.PerComponent perComponent(Components values) {
        return new RunView.PerComponent(values.gpu(), values.cpu(), values.dram());
    }

    /** The GPU as it reads now, with the energy it had on record. */
    private static RunView.Gpu gpu(GpuState gpu, double energyJoules) {
        return new RunView.Gpu(gpu.index(), gpu.uuid(), gpu.name(), gpu.powerWatts(), gpu.utilizationGpu(),
            gpu.memoryUsedBytes(), energyJoules);
    }

    private static RunView.Forecast forecast(RunForecast forecast) {
        return new RunView.Forecast(bounds(forecast.totalEmissionsGrams()), bounds(forecast.totalEnergyJoules()),
            forecast.remainingSeconds().expected());
    }

    private static RunView.Bounds bounds(Range range) {
        return new RunView.Bounds(range.expected(), range.low(), range.high());
    }

    /** The agent jar's Implementation-Version; "unknown" when run from unpackaged classes (tests). */
    private static String version() {
        return Optional.ofNullable(RunViews.class.getPackage().getImplementationVersion()).orElse("unknown");
    }
}
