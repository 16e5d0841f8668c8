package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.SettingSources;
import org.opencarboneval.agent.config.SettingsException;
import org.opencarboneval.agent.grid.IntensityInForce;
import org.opencarboneval.agent.grid.IntensitySource;
import org.opencarboneval.agent.progress.TotalSteps;
import org.opencarboneval.calibration.Range;
import org.opencarboneval.exporter.RunView;

class RunViewsTest {

    private static final CarbonFactors CARBON = new CarbonFactors("DE", 0.35, 1.1);
    private static final GpuState GPU = new GpuState(3, "GPU-3", "NVIDIA A100-SXM4-80GB", 312.5, 4500, 0.75,
        1L << 33, 1.0);
    private static final RunForecast FORECAST = new RunForecast(new Range(9e5, 1e6, 1.2e6), new Range(90, 100, 120),
        new Range(300, 360, 500), 0.1);

    @Test
    void carriesEveryFigureInTheExportersUnits() {
        RunView view = current(new RunViews("1.2.3", Optional.empty(), "region table",
                new JobRank(OptionalInt.of(1), OptionalInt.of(2))),
            snapshot(List.of(GPU), Optional.of(FORECAST), OptionalDouble.of(80)), Map.of("tick", 3L));

        assertEquals("r1", view.runId());
        assertEquals(3720, view.elapsedSeconds());
        assertEquals(1300, view.steps(), "the steps trained, those a restore redid among them");
        assertEquals(OptionalDouble.of(0.5), view.progressRatio(), "the position, 1234, over the total");
        assertEquals(12.5, view.stepsPerSecond());
        assertEquals(new RunView.PerComponent(150, 25, 5), view.powerWatts());
        assertEquals(new RunView.PerComponent(36000, 7200, 720), view.energyJoules());
        assertEquals(4.1, view.emissionsGrams());
        assertEquals(350, view.gridGramsPerKwh(), 1e-9, "kg/kWh in the snapshot, g/kWh in the metrics");
        assertEquals(1.1, view.pue());
        // NVML's percent is a ratio already in the bridge's readings: not divided again
        assertEquals(List.of(new RunView.Gpu(3, "GPU-3", "NVIDIA A100-SXM4-80GB", 312.5, 0.75, 1L << 33, 4500)),
            view.gpus());
        assertEquals(Optional.of(new RunView.Forecast(new RunView.Bounds(100, 90, 120),
            new RunView.Bounds(1e6, 9e5, 1.2e6), 360)), view.forecast());
        assertEquals(OptionalDouble.of(80), view.estimateEmissionsGrams());
        assertEquals(Map.of("tick", 3L), view.errorCounts());
        assertEquals(new RunView.Info("1.2.3", "NVIDIA A100-SXM4-80GB", "DE", "region table", "1", "2"), view.info());
    }

    @Test
    void absentForecastEstimateAndTotalStayAbsent() {
        RunView view = current(new RunViews("1.2.3", Optional.empty(), "world average", JobRank.NONE),
            snapshot(List.of(), Optional.empty(), OptionalDouble.empty(), Optional.empty()), Map.of());

        assertTrue(view.forecast().isEmpty());
        assertTrue(view.estimateEmissionsGrams().isEmpty());
        assertTrue(view.progressRatio().isEmpty());
        assertEquals("cpu", view.info().hardware(), "no GPU and no hardware setting");
    }

    @Test
    void theHardwareSettingWinsOverTheGpusName() {
        RunView view = current(new RunViews("1.2.3", Optional.of("NVIDIA H100 SXM5"), "setting ci", JobRank.NONE),
            snapshot(List.of(GPU), Optional.empty(), OptionalDouble.empty()), Map.of());

        assertEquals("NVIDIA H100 SXM5", view.info().hardware());
    }

    @Test
    void noSnapshotIsNoView() {
        RunViews views = new RunViews("1.2.3", Optional.empty(), "world average", JobRank.NONE);
        assertNull(views.view(null, null, Map.of()));
        assertNull(views.view(any(), null, Map.of()), "a sample not yet on record");
    }

    @Test
    void theIntensitySourceSaysWhereTheGridFigureCameFrom() throws SettingsException {
        assertEquals("setting ci",
            current(RunViews.of(settings("region=DE,ci=0.3")), any(), Map.of()).info().intensitySource());
        assertEquals("region table",
            current(RunViews.of(settings("region=DE")), any(), Map.of()).info().intensitySource());
        assertEquals("world average", current(RunViews.of(settings("")), any(), Map.of()).info().intensitySource());
        assertEquals("unknown", current(RunViews.of(settings("")), any(), Map.of()).info().version(),
            "classes outside the agent jar have no manifest version");
    }

    @Test
    void theGridSideCarriesTheSourceInForceTheAdviceAndTheBudgets() throws SettingsException {
        RunForecast advised = new RunForecast(FORECAST.totalEnergyJoules(), FORECAST.totalEmissionsGrams(),
            FORECAST.remainingSeconds(), 0.1, Optional.of(new RunForecast.GreenerStart(5400, 12.5, 40)));
        RunViews views = RunViews.of(settings("intensity=uk,intensity.zone=RG41,budget.co2e=2kg,budget.energy=1kWh"));
        RunSnapshot live = snapshot(List.of(), Optional.of(advised), OptionalDouble.empty());
        RunSnapshot charged = new RunSnapshot(live.runId(), live.sequence(), live.startedAt(), live.at(),
            live.elapsedSeconds(), live.steps(), live.stepsTrained(), live.samples(), live.epochs(), live.totalSteps(),
            live.stepsPerSecond(), live.powerWatts(), live.energyJoules(), live.gpuSeconds(), live.gpus(), live.co2eGrams(),
            CARBON.inForce(new IntensityInForce(212, IntensitySource.FORECAST)), live.forecast(), live.estimateGrams());

        RunView view = current(views, charged, Map.of());

        assertEquals(new RunView.Grid("forecast", Optional.of(new RunView.GreenerStart(5400, 12.5)),
            OptionalDouble.of(2000), OptionalDouble.of(3.6e6)), view.grid());
        assertEquals(212, view.gridGramsPerKwh(), 1e-9);
        assertEquals("intensity uk RG41, else world average", view.info().intensitySource());
        assertEquals(RunView.Grid.TABLE, current(RunViews.of(settings("")), any(), Map.of()).grid());
    }

    /**
     * The run's counters, each GPU's energy among them, and the forecast of the totals they lead to come from its
     * latest snapshot on record, the rest from the latest: time, power, throughput and the position are of now, while
     * what a restart would count from is what the ledger holds, and a forecast total less its counter what remains.
     */
    @Test
    void countersAreTheRecordedSnapshotsTheRestIsTheLatest() {
        GpuState recordedGpu = new GpuState(3, "GPU-3", "NVIDIA A100-SXM4-80GB", 300, 4200, 0.7, 1L << 32, 1.0);
        RunSnapshot recorded = snapshot(List.of(recordedGpu), Optional.of(FORECAST), OptionalDouble.empty());
        RunForecast later = new RunForecast(new Range(9.1e5, 1.01e6, 1.2e6), new Range(91, 101, 120),
            new Range(296, 356, 496), 0.1);
        GpuState other = new GpuState(4, "GPU-4", "NVIDIA A100-SXM4-80GB", 100, 50, 0.1, 0, 1.0);
        RunSnapshot latest = new RunSnapshot("r1", 8, recorded.startedAt(), recorded.at().plusSeconds(4), 3724, 1290,
            1356, 1290 * 32, 1, recorded.totalSteps(), 14, new Components(160, 30, 6), new Components(36640, 7320, 744),
            0, List.of(GPU, other), 4.2, CARBON, Optional.of(later), OptionalDouble.empty());

        RunView view = new RunViews("1.2.3", Optional.empty(), "world average", JobRank.NONE)
            .view(latest, recorded, Map.of());

        assertEquals(1300, view.steps());
        assertEquals(new RunView.PerComponent(36000, 7200, 720), view.energyJoules());
        assertEquals(4.1, view.emissionsGrams());
        assertEquals(List.of(new RunView.Gpu(3, "GPU-3", "NVIDIA A100-SXM4-80GB", 312.5, 0.75, 1L << 33, 4200),
            new RunView.Gpu(4, "GPU-4", "NVIDIA A100-SXM4-80GB", 100, 0.1, 0, 0)), view.gpus(),
            "a GPU's reading now, its energy on record; one first seen since has none on record yet");
        assertEquals(3724, view.elapsedSeconds());
        assertEquals(new RunView.PerComponent(160, 30, 6), view.powerWatts());
        assertEquals(14, view.stepsPerSecond());
        assertEquals(OptionalDouble.of(1290 / 2468.0), view.progressRatio());
        assertEquals(100, view.forecast().orElseThrow().totalEmissionsGrams().expected(), "the recorded forecast");
    }

    /** The view of a snapshot that is also the one on record. */
    private static RunView current(RunViews views, RunSnapshot run, Map<String, Long> errorCounts) {
        return views.view(run, run, errorCounts);
    }

    private static AgentSettings settings(String arguments) throws SettingsException {
        return AgentSettings.parse(arguments, new SettingSources(new Properties(), Map.of()));
    }

    private static RunSnapshot any() {
        return snapshot(List.of(), Optional.empty(), OptionalDouble.empty());
    }

    private static RunSnapshot snapshot(List<GpuState> gpus, Optional<RunForecast> forecast, OptionalDouble estimate) {
        return snapshot(gpus, forecast, estimate, Optional.of(new TotalSteps(2468, "config")));
    }

    private static RunSnapshot snapshot(List<GpuState> gpus, Optional<RunForecast> forecast, OptionalDouble estimate,
            Optional<TotalSteps> total) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        return new RunSnapshot("r1", 7, start, start.plusSeconds(3720), 3720, 1234, 1300, 1234 * 32, 1, total, 12.5,
            new Components(150, 25, 5), new Components(36000, 7200, 720), 0, gpus, 4.1, CARBON, forecast, estimate);
    }
}
