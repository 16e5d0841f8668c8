package org.opencarboneval.agent.runtime;

import java.util.Map;
import java.util.Optional;

import org.opencarboneval.agent.config.AgentSettings;
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

    RunViews(String version, Optional<String> configuredHardware, String intensitySource, JobRank rank) {
        this.version = version;
        this.configuredHardware = configuredHardware;
        this.intensitySource = intensitySource;
        this.rank = rank;
    }

    static RunViews of(AgentSettings settings) {
        String source = settings.ci().isPresent() ? "setting ci"
            : settings.region().isPresent() ? "region table" : "world average";
        return new RunViews(version(), settings.hardware(), source, JobRank.current());
    }

    /** The view of this snapshot with the failures counted so far, or null for none (the exporter's "no sample yet"). */
    RunView view(RunSnapshot run, Map<String, Long> errorCounts) {
        if (run == null) {
            return null;
        }
        return new RunView(run.runId(), run.elapsedSeconds(), run.steps(), run.progress(), run.stepsPerSecond(),
            perComponent(run.powerWatts()), perComponent(run.energyJoules()), run.co2eGrams(),
            run.gpus().stream().map(RunViews::gpu).toList(), run.carbon().kgPerKwh() * 1000, run.carbon().pue(),
            run.forecast().map(RunViews::forecast), run.estimateGrams(), info(run), errorCounts);
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

    private static RunView.Gpu gpu(GpuState gpu) {
        return new RunView.Gpu(gpu.index(), gpu.uuid(), gpu.name(), gpu.powerWatts(), gpu.utilizationGpu(),
            gpu.memoryUsedBytes(), gpu.energyJoules());
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
