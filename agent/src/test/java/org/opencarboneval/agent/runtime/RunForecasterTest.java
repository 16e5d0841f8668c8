package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.progress.TotalSteps;

class RunForecasterTest {

    private static final CarbonFactors CARBON = new CarbonFactors("DE", 0.4, 1.5);

    /** A steady run: the forecast totals are exact and emissions follow energy x PUE x intensity. */
    @Test
    void forecastsASteadyRunsTotals() {
        RunForecaster forecaster = new RunForecaster(OptionalDouble.empty(), Optional.empty());
        Optional<RunForecast> forecast = Optional.empty();
        for (int t = 1; t <= 60; t++) {
            double joules = 100.0 * t;
            forecast = forecaster.update(t, 10L * t, 0, joules, CARBON.gramsFor(joules),
                Optional.of(new TotalSteps(3000, "config")), List.of(), CARBON);
        }
        RunForecast f = forecast.orElseThrow();
        assertEquals(100.0 * 300, f.totalEnergyJoules().expected(), 30);
        assertEquals(CARBON.gramsFor(100.0 * 300), f.totalEmissionsGrams().expected(), CARBON.gramsFor(30));
        assertEquals(240, f.remainingSeconds().expected(), 1);
        assertTrue(f.totalEmissionsGrams().low() < f.totalEmissionsGrams().expected());
        assertTrue(forecaster.estimateGrams().isEmpty(), "no compute given, no a-priori estimate");
    }

    @Test
    void withoutATotalThereIsNoForecast() {
        RunForecaster forecaster = new RunForecaster(OptionalDouble.empty(), Optional.empty());
        for (int t = 1; t <= 30; t++) {
            assertTrue(forecaster.update(t, 10L * t, 0, t, 0, Optional.empty(), List.of(), CARBON).isEmpty());
        }
    }

    /** With the compute and a GPU NVML names, the a-priori estimate is the calibrated estimator's. */
    @Test
    void estimatesTheWholeRunFromComputeAndTheGpusName() {
        RunForecaster forecaster = new RunForecaster(OptionalDouble.of(1e20), Optional.empty());
        GpuState gpu = new GpuState(0, "GPU-1", "NVIDIA H100 80GB HBM3", 500, 1000, 0.9, 1L << 30);
        forecaster.update(1, 10, 0, 500, 1, Optional.of(new TotalSteps(1000, "config")), List.of(gpu), CARBON);
        double grams = forecaster.estimateGrams().orElseThrow();
        assertTrue(grams > 0, "estimate " + grams);
    }
}
