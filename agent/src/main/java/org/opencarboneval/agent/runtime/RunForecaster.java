package org.opencarboneval.agent.runtime;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.opencarboneval.agent.progress.TotalSteps;
import org.opencarboneval.calibration.CalibratedEstimator;
import org.opencarboneval.calibration.Calibration;
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
    private Optional<Hardware> hardware = Optional.empty();
    private OptionalDouble estimateGrams = OptionalDouble.empty();

    RunForecaster(OptionalDouble totalFlops, Optional<String> configuredHardware) {
        this.totalFlops = totalFlops;
        this.configuredHardware = configuredHardware;
    }

    /** The a-priori CO2e of the whole run, once compute and hardware are known. */
    OptionalDouble estimateGrams() {
        return estimateGrams;
    }

    Optional<RunForecast> update(double elapsedSeconds, long steps, long epochs, double energyJoules, double co2eGrams,
            Optional<TotalSteps> total, List<GpuState> gpus, CarbonFactors carbon) {
        live.observe(new ProgressPoint(elapsedSeconds, steps, energyJoules, epochs));
        resolveHardware(gpus, carbon);
        if (total.isEmpty()) {
            return Optional.empty();
        }
        Optional<Forecast> forecast = live.forecast(total.get().steps(), prior(total.get(), gpus.size()));
        return forecast.map(f -> new RunForecast(f.totalEnergyJoules(),
            new Range(co2eGrams + carbon.gramsFor(f.remainingEnergyJoules().low()),
                co2eGrams + carbon.gramsFor(f.remainingEnergyJoules().expected()),
                co2eGrams + carbon.gramsFor(f.remainingEnergyJoules().high())),
            f.remainingDeviceSeconds(), f.pauseFraction()));
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
            estimateGrams = OptionalDouble.of(1000 * new CalibratedEstimator(Calibration.bundled())
                .estimate(new EstimateRequest(hardware.get(), totalFlops, OptionalDouble.empty(),
                    gpus.isEmpty() ? OptionalInt.empty() : OptionalInt.of(gpus.size()),
                    new Pue("agent", carbon.pue(), 0, "agent settings"), grid))
                .emissionsKg().expected());
        }
    }

    /** The paper's curve at the middle of the device's alpha range, in steps per wall-clock second. */
    private Optional<ThroughputPrior> prior(TotalSteps total, int gpuCount) {
        if (hardware.isEmpty() || totalFlops.isEmpty() || gpuCount == 0) {
            return Optional.empty();
        }
        double log10Alpha = (hardware.get().alpha().log10Low() + hardware.get().alpha().log10High()) / 2;
        return Optional.of(ThroughputPrior.fromPaperCurve(new ThroughputCurve(log10Alpha),
            totalFlops.getAsDouble() / total.steps(), gpuCount));
    }
}
