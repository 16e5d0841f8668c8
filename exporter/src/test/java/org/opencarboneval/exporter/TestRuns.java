package org.opencarboneval.exporter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Run views with distinct, recognisable numbers, and copies with one part changed. */
final class TestRuns {

    static final String RUN_ID = "run-42";

    static final RunView.Gpu GPU_0 = new RunView.Gpu(0, "GPU-11111111-2222-3333-4444-555555555555",
        "NVIDIA H100 80GB HBM3", 412.5, 0.87, 42_949_672_960L, 123_456.75);
    static final RunView.Gpu GPU_1 = new RunView.Gpu(1, "GPU-66666666-7777-8888-9999-000000000000",
        "NVIDIA H100 80GB HBM3", 398.25, 0.5, 1_073_741_824L, 98_765.5);

    static final RunView.Forecast FORECAST = new RunView.Forecast(new RunView.Bounds(5_400.5, 4_900.25, 6_100.75),
        new RunView.Bounds(4.5e7, 4.1e7, 5.2e7), 3_725.5);

    /** Two GPU reads and no tick failed so far. */
    static final Map<String, Long> ERRORS = Map.of("gpu_read", 2L, "tick", 0L);

    private TestRuns() {
    }

    /** No GPU, no forecast, no estimate, total steps known. */
    static RunView base() {
        return new RunView(RUN_ID, 61.5, 1234, OptionalDouble.of(0.25), 12.5,
            new RunView.PerComponent(250.5, 45.25, 6.0), new RunView.PerComponent(1.0e6, 2.5e5, 3.0e4),
            123.456, List.of(), 380.0, 1.1, Optional.empty(), OptionalDouble.empty(),
            new RunView.Info("0.1.0-SNAPSHOT", "NVIDIA H100 SXM5", "DE", "region table"), ERRORS);
    }

    /** A forecast of the grid says a start in 2 h emits least; budgets of 5 kg and 50 MJ. */
    static final RunView.Grid GRID = new RunView.Grid("live", Optional.of(new RunView.GreenerStart(7_200.0, 2_100.5)),
        OptionalDouble.of(5_000.0), OptionalDouble.of(5.0e7));

    /** Everything present: two GPUs, a forecast, an a-priori estimate, the grid's advice and budgets. */
    static RunView full() {
        return withGrid(withEstimate(withForecast(withGpus(base(), GPU_0, GPU_1), FORECAST), 7_000.0), GRID);
    }

    static RunView withGrid(RunView v, RunView.Grid grid) {
        return new RunView(v.runId(), v.elapsedSeconds(), v.steps(), v.progressRatio(), v.stepsPerSecond(),
            v.powerWatts(), v.energyJoules(), v.emissionsGrams(), v.gpus(), v.gridGramsPerKwh(), v.pue(),
            v.forecast(), v.estimateEmissionsGrams(), v.info(), v.errorCounts(), grid);
    }

    static RunView withGpus(RunView v, RunView.Gpu... gpus) {
        return new RunView(v.runId(), v.elapsedSeconds(), v.steps(), v.progressRatio(), v.stepsPerSecond(),
            v.powerWatts(), v.energyJoules(), v.emissionsGrams(), List.of(gpus), v.gridGramsPerKwh(), v.pue(),
            v.forecast(), v.estimateEmissionsGrams(), v.info(), v.errorCounts());
    }

    static RunView withForecast(RunView v, RunView.Forecast forecast) {
        return new RunView(v.runId(), v.elapsedSeconds(), v.steps(), v.progressRatio(), v.stepsPerSecond(),
            v.powerWatts(), v.energyJoules(), v.emissionsGrams(), v.gpus(), v.gridGramsPerKwh(), v.pue(),
            Optional.of(forecast), v.estimateEmissionsGrams(), v.info(), v.errorCounts());
    }

    static RunView withEstimate(RunView v, double grams) {
        return new RunView(v.runId(), v.elapsedSeconds(), v.steps(), v.progressRatio(), v.stepsPerSecond(),
            v.powerWatts(), v.energyJoules(), v.emissionsGrams(), v.gpus(), v.gridGramsPerKwh(), v.pue(),
            v.forecast(), OptionalDouble.of(grams), v.info(), v.errorCounts());
    }

    static RunView withoutTotal(RunView v) {
        return new RunView(v.runId(), v.elapsedSeconds(), v.steps(), OptionalDouble.empty(), v.stepsPerSecond(),
            v.powerWatts(), v.energyJoules(), v.emissionsGrams(), v.gpus(), v.gridGramsPerKwh(), v.pue(),
            v.forecast(), v.estimateEmissionsGrams(), v.info(), v.errorCounts());
    }

    /** Rank {@code rank} of a job of {@code worldSize} processes. */
    static RunView ranked(RunView v, int rank, int worldSize) {
        RunView.Info i = v.info();
        return new RunView(v.runId(), v.elapsedSeconds(), v.steps(), v.progressRatio(), v.stepsPerSecond(),
            v.powerWatts(), v.energyJoules(), v.emissionsGrams(), v.gpus(), v.gridGramsPerKwh(), v.pue(),
            v.forecast(), v.estimateEmissionsGrams(), new RunView.Info(i.version(), i.hardware(), i.region(),
            i.intensitySource(), Integer.toString(rank), Integer.toString(worldSize)), v.errorCounts());
    }

    /** A later sample: time, steps, energy and emissions grow, power changes. */
    static RunView later(RunView v, double seconds, double watts) {
        return new RunView(v.runId(), v.elapsedSeconds() + seconds, v.steps() + Math.round(seconds * 10),
            v.progressRatio(), v.stepsPerSecond(), new RunView.PerComponent(watts, 0, 0),
            v.energyJoules(), v.emissionsGrams() + seconds, v.gpus(), v.gridGramsPerKwh(), v.pue(), v.forecast(),
            v.estimateEmissionsGrams(), v.info(), v.errorCounts());
    }
}
