package org.opencarboneval.agent.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.opencarboneval.agent.grid.GridFeed;
import org.opencarboneval.agent.progress.TotalSteps;
import org.opencarboneval.calibration.CalibratedEstimator;
import org.opencarboneval.calibration.Calibration;
import org.opencarboneval.calibration.Estimate;
import org.opencarboneval.calibration.EstimateRequest;
import org.opencarboneval.calibration.GridIntensity;
import org.opencarboneval.calibration.Hardware;
import org.opencarboneval.calibration.HardwareCatalogue;
import org.opencarboneval.calibration.Pue;
import org.opencarboneval.calibration.Range;
import org.opencarboneval.calibration.ThroughputCurve;
import org.opencarboneval.calibration.forecast.Forecast;
import org.opencarboneval.calibration.forecast.LiveForecaster;
import org.opencarboneval.calibration.forecast.ProgressPoint;
import org.opencarboneval.calibration.forecast.ThroughputPrior;
import org.opencarboneval.calibration.grid.IntensityTimeline;
import org.opencarboneval.calibration.grid.RemainingEmissions;

/**
 * Feeds each sample to the {@link LiveForecaster} (steps against wall-clock seconds, energy before PUE) and turns
 * its forecast into the run's totals. When the run's compute is known ({@code total.flops}) and its accelerator
 * ({@code hardware}, else the first GPU's name), it also makes the a-priori estimate and steadies the early forecast
 * with the paper's curve.
 */
final class RunForecaster {

    private final LiveForecaster live = new LiveForecaster();
    private final OptionalDouble totalFlops;
    private final Optional<String> configuredHardware;
    private final Calibration calibration;
    /** The job's ranks: each does its share of {@code total.flops}, the job's compute. */
    private final int ranks;
    private Optional<Hardware> hardware = Optional.empty();
    private Optional<Estimate> estimate = Optional.empty();

    /** A process alone, with the bundled calibration. */
    RunForecaster(OptionalDouble totalFlops, Optional<String> configuredHardware) {
        this(totalFlops, configuredHardware, Calibration.bundled(), 1);
    }

    RunForecaster(OptionalDouble totalFlops, Optional<String> configuredHardware, Calibration calibration, int ranks) {
        if (ranks < 1) {
            throw new IllegalArgumentException("a job has at least one rank, got " + ranks);
        }
        this.totalFlops = totalFlops;
        this.configuredHardware = configuredHardware;
        this.calibration = calibration;
        this.ranks = ranks;
    }

    /**
     * One sample of an earlier attempt of this run, from its ledger, before the first of this one: a resumed run's
     * forecast goes on from its record (the models' scores, the band's past errors) instead of starting from nothing,
     * as the run's replay by {@code report} does, which asks it at each sample as the live agent does (without the
     * a-priori curve, which only steadies a run's first fifth).
     */
    void replay(ProgressPoint point, OptionalLong totalWork) {
        live.observe(point);
        if (totalWork.isPresent() && totalWork.getAsLong() > 0) {
            live.forecast(totalWork.getAsLong(), Optional.empty());
        }
    }

    /** The a-priori CO2e of the whole run, once compute and hardware are known. */
    OptionalDouble estimateGrams() {
        return estimate.map(e -> OptionalDouble.of(1000 * e.emissionsKg().expected())).orElse(OptionalDouble.empty());
    }

    /** The same estimate's device energy, before PUE (as the ledger's energy is), in joules. */
    OptionalDouble estimateDeviceJoules() {
        return estimate.map(e -> OptionalDouble.of(e.energyKwh().expected() / e.request().pue().value() * 3.6e6))
            .orElse(OptionalDouble.empty());
    }

    /** At the table's intensity throughout. */
    Optional<RunForecast> update(double elapsedSeconds, long steps, long epochs, double energyJoules, double co2eGrams,
            Optional<TotalSteps> total, List<GpuState> gpus, CarbonFactors carbon) {
        return update(elapsedSeconds, steps, epochs, energyJoules, co2eGrams, total, gpus, carbon,
            GridFeed.table(carbon.kgPerKwh() * 1000), Instant.EPOCH);
    }

    /**
     * The remaining energy is charged at the grid's intensity forecast from {@code now} over the remaining time
     * ({@link RemainingEmissions}), and the greenest start within the forecast's horizon is looked for.
     */
    Optional<RunForecast> update(double elapsedSeconds, long steps, long epochs, double energyJoules, double co2eGrams,
            Optional<TotalSteps> total, List<GpuState> gpus, CarbonFactors carbon, GridFeed grid, Instant now) {
        live.observe(new ProgressPoint(elapsedSeconds, steps, energyJoules, epochs));
        // the a-priori estimate is of the whole run: at the yearly table's intensity, not this hour's
        resolveHardware(gpus, new CarbonFactors(carbon.region(), grid.tableGramsPerKwh() / 1000, carbon.pue()));
        if (total.isEmpty()) {
            return Optional.empty();
        }
        // the GPUs this process trains on: a rank sees its whole node, and is charged only its own
        int charged = (int) gpus.stream().filter(gpu -> gpu.processShare() > 0).count();
        Optional<Forecast> forecast = live.forecast(total.get().steps(), prior(total.get(), charged));
        if (forecast.isEmpty()) {
            return Optional.empty();
        }
        Forecast f = forecast.get();
        IntensityTimeline outlook = grid.outlook(now);
        Range remaining = RemainingEmissions.grams(f.remainingEnergyJoules(), f.remainingDeviceSeconds(),
            carbon.pue(), outlook, now, grid.tableGramsPerKwh(), grid.sigmaLn());
        return Optional.of(new RunForecast(f.totalEnergyJoules(),
            new Range(co2eGrams + remaining.low(), co2eGrams + remaining.expected(), co2eGrams + remaining.high()),
            f.remainingDeviceSeconds(), f.pauseFraction(), greenerStart(f, outlook, now, carbon, grid, remaining)));
    }

    /** The greenest start from now to the forecast's horizon; none without a forecast of the grid ahead. */
    private static Optional<RunForecast.GreenerStart> greenerStart(Forecast f, IntensityTimeline outlook, Instant now,
            CarbonFactors carbon, GridFeed grid, Range remaining) {
        if (outlook.horizon().filter(h -> h.isAfter(now)).isEmpty()) {
            return Optional.empty();
        }
        IntensityTimeline.Window greenest = outlook.greenest(now, f.remainingDeviceSeconds().expected(),
            grid.tableGramsPerKwh());
        return Optional.of(new RunForecast.GreenerStart(
            Duration.between(now, greenest.start()).toMillis() / 1000.0,
            RemainingEmissions.cost(f.remainingEnergyJoules().expected(), greenest, carbon.pue()),
            remaining.expected()));
    }

    /** Once: the configured accelerator, else the first GPU NVML names, if the catalogue knows it. */
    private void resolveHardware(List<GpuState> gpus, CarbonFactors carbon) {
        if (hardware.isPresent()) {
            return;
        }
        Optional<String> name = configuredHardware.or(() -> gpus.stream().findFirst().map(GpuState::name));
        hardware = name.flatMap(HardwareCatalogue.bundled()::find);
        if (hardware.isPresent() && totalFlops.isPresent()) {
            GridIntensity grid = GridIntensity.given(carbon.region(), carbon.kgPerKwh(), "agent settings");
            estimate = Optional.of(new CalibratedEstimator(calibration)
                .estimate(new EstimateRequest(hardware.get(), totalFlops, OptionalDouble.empty(),
                    gpus.isEmpty() ? OptionalInt.empty() : OptionalInt.of(gpus.size()),
                    new Pue("agent", carbon.pue(), 0, "agent settings"), grid)));
        }
    }

    /**
     * The paper's curve at the middle of the device's alpha range, in steps per wall-clock second: each of a job's
     * ranks takes every step on its own GPUs, doing its share of the job's compute.
     */
    Optional<ThroughputPrior> prior(TotalSteps total, int gpuCount) {
        if (hardware.isEmpty() || totalFlops.isEmpty() || gpuCount == 0) {
            return Optional.empty();
        }
        double log10Alpha = (hardware.get().alpha().log10Low() + hardware.get().alpha().log10High()) / 2;
        return Optional.of(ThroughputPrior.fromPaperCurve(new ThroughputCurve(log10Alpha),
            totalFlops.getAsDouble() / ranks / total.steps(), gpuCount));
    }
}
