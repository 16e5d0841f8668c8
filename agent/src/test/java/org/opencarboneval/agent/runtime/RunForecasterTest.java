package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.SettingSources;
import org.opencarboneval.agent.grid.GridFeed;
import org.opencarboneval.agent.grid.GridPoller;
import org.opencarboneval.agent.grid.GridProviders;
import org.opencarboneval.agent.grid.IntensityProvider;
import org.opencarboneval.agent.progress.TotalSteps;
import org.opencarboneval.calibration.Calibration;
import org.opencarboneval.calibration.Range;
import org.opencarboneval.calibration.forecast.ProgressPoint;

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
        assertTrue(f.greenerStart().isEmpty(), "no forecast of the grid, no advice");
    }

    /**
     * The grid steps from 100 to 600 g/kWh two minutes on (a file's forecast row): the forecast made before the step
     * charges the remaining energy 100 until the step and 600 after it, and no later start is greener.
     */
    @Test
    void theForecastChargesTheRemainingEnergyAtTheGridsForecast(@TempDir Path dir) throws Exception {
        Instant start = Instant.parse("2026-12-02T12:00:00Z");
        GridFeed grid = fileFeed(dir, start.minusSeconds(3600) + ",100,actual\n" + start.plusSeconds(120)
            + ",600,forecast\n");
        RunForecaster forecaster = new RunForecaster(OptionalDouble.empty(), Optional.empty());
        Optional<RunForecast> forecast = Optional.empty();
        double co2e = 0;
        for (int t = 1; t <= 60; t++) {
            double joules = 100.0 * t;
            co2e += 100 / 3.6e6 * 1.5 * 100; // 100 J at 100 g/kWh
            forecast = forecaster.update(t, 10L * t, 0, joules, co2e, Optional.of(new TotalSteps(3000, "config")),
                List.of(), CARBON, grid, start.plusSeconds(t));
        }
        RunForecast f = forecast.orElseThrow();
        double remainingSeconds = f.remainingSeconds().expected();
        double remainingJoules = f.totalEnergyJoules().expected() - 6000;
        double mean = (60 * 100 + (remainingSeconds - 60) * 600) / remainingSeconds;
        assertEquals(co2e + remainingJoules / 3.6e6 * 1.5 * mean, f.totalEmissionsGrams().expected(), 1e-6);
        assertTrue(mean > 400, "the step counts: " + mean);
        RunForecast.GreenerStart greener = f.greenerStart().orElseThrow();
        assertEquals(0, greener.delaySeconds(), "the grid only gets dirtier");
        assertEquals(f.totalEmissionsGrams().expected() - co2e, greener.remainingGrams(), 1e-6);

    }

    @Test
    void theGreenestStartIsWhenTheForecastDips(@TempDir Path dir) throws Exception {
        Instant start = Instant.parse("2026-12-02T12:00:00Z");
        GridFeed grid = fileFeed(dir, start + ",600,actual\n" + start.plusSeconds(600) + ",100,forecast\n"
            + start.plusSeconds(3600) + ",500,forecast\n");
        RunForecaster forecaster = new RunForecaster(OptionalDouble.empty(), Optional.empty());
        Optional<RunForecast> forecast = Optional.empty();
        for (int t = 1; t <= 60; t++) {
            forecast = forecaster.update(t, 10L * t, 0, 100.0 * t, 0, Optional.of(new TotalSteps(3000, "config")),
                List.of(), CARBON, grid, start.plusSeconds(t));
        }
        RunForecast.GreenerStart greener = forecast.orElseThrow().greenerStart().orElseThrow();
        assertEquals(540, greener.delaySeconds(), 1e-9, "the 240 s left fit in the 100 g/kWh hour from 12:10");
        double remainingJoules = forecast.get().totalEnergyJoules().expected() - 6000;
        assertEquals(remainingJoules / 3.6e6 * 1.5 * 100, greener.remainingGrams(), 1e-6);
        assertTrue(greener.remainingGramsNow() > 5 * greener.remainingGrams());
    }

    /** A feed from an intensity file, once the poller has read it. */
    static GridFeed fileFeed(Path dir, String rows) throws Exception {
        Path file = dir.resolve("ci.csv");
        Files.writeString(file, "time,g_per_kwh,kind\n" + rows);
        AgentSettings settings = AgentSettings.parse("intensity=file,intensity.file=" + file,
            new SettingSources(new Properties(), Map.of()));
        IntensityProvider provider = GridProviders.from(settings, w -> { }).orElseThrow();
        GridFeed feed = GridFeed.fedBy(provider, 400);
        GridPoller poller = GridPoller.start(provider, feed, Duration.ofHours(1), Instant::now, failure -> {
            throw new AssertionError(failure);
        });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (feed.outlook(Instant.EPOCH).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        poller.close();
        return feed;
    }

    /**
     * A run resumed at a third of its work, with the first attempt's 1000 samples replayed from its ledger: the first
     * sample of the new attempt has a forecast, and its band is the record's, not the wide one of a run with none.
     */
    @Test
    void aResumedRunForecastsFromItsLedgersRecordAtItsFirstSample() {
        RunForecaster resumed = new RunForecaster(OptionalDouble.empty(), Optional.empty());
        for (int t = 1; t <= 1000; t++) {
            resumed.replay(new ProgressPoint(t, 10L * t, 100.0 * t, 0), OptionalLong.of(30_000));
        }
        Optional<RunForecast> first = resumed.update(1060, 10_010, 0, 100_100, CARBON.gramsFor(100_100),
            Optional.of(new TotalSteps(30_000, "config")), List.of(), CARBON);

        Range total = first.orElseThrow().totalEnergyJoules();
        assertEquals(300_000, total.expected(), 3_000, "the cost the record measured, down time left out");
        assertTrue(total.high() / total.low() < 1.1, "the record's band, not a factor of two: " + total);
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
        GpuState gpu = new GpuState(0, "GPU-1", "NVIDIA H100 80GB HBM3", 500, 1000, 0.9, 1L << 30, 1.0);
        forecaster.update(1, 10, 0, 500, 1, Optional.of(new TotalSteps(1000, "config")), List.of(gpu), CARBON);
        double grams = forecaster.estimateGrams().orElseThrow();
        assertTrue(grams > 0, "estimate " + grams);
    }

    /**
     * With a calibration that measured the GPU (as {@code calibrate --ledgers} writes), the a-priori estimate is the
     * measured throughput and power: 1e20 FLOP at 100 TFLOP/s per device is 1e6 device-seconds, at 400 W 400 MJ.
     */
    @Test
    void aCalibrationOfYourOwnRunsSetsTheEstimate() {
        Calibration mine = Calibration.bundled().withMeasured(Map.of("h100-sxm5",
            new Calibration.Measured("h100-sxm5", 100, 400, 3, 50)));
        RunForecaster forecaster = new RunForecaster(OptionalDouble.of(1e20), Optional.of("H100"), mine, 1);
        forecaster.update(1, 10, 0, 500, 1, Optional.of(new TotalSteps(1000, "config")), List.of(), CARBON);

        double kwh = 1e20 / 100e12 * 400 / 3.6e6;
        assertEquals(kwh * CARBON.pue() * CARBON.kgPerKwh() * 1000, forecaster.estimateGrams().orElseThrow(),
            1e-9 * kwh * 1000);
        RunForecaster bundled = new RunForecaster(OptionalDouble.of(1e20), Optional.of("H100"));
        bundled.update(1, 10, 0, 500, 1, Optional.of(new TotalSteps(1000, "config")), List.of(), CARBON);
        assertNotEquals(bundled.estimateGrams().orElseThrow(), forecaster.estimateGrams().orElseThrow());
        assertEquals(400e6, forecaster.estimateDeviceJoules().orElseThrow(), 1e-6, "before PUE, for the ledger");
    }

    /**
     * {@code total.flops} is the job's compute: a rank of four, taking every step on its own GPU, does a quarter of
     * each step's, so the a-priori curve expects it four times as fast as a process alone doing all of it.
     */
    @Test
    void theCurveOfARankExpectsItsShareOfTheJobsCompute() {
        GpuState gpu = new GpuState(0, "GPU-1", "NVIDIA H100 80GB HBM3", 500, 1000, 0.9, 1L << 30, 1.0);
        TotalSteps total = new TotalSteps(1000, "config");
        RunForecaster alone = new RunForecaster(OptionalDouble.of(1e20), Optional.empty(), Calibration.bundled(), 1);
        RunForecaster rank = new RunForecaster(OptionalDouble.of(1e20), Optional.empty(), Calibration.bundled(), 4);
        for (RunForecaster forecaster : List.of(alone, rank)) {
            forecaster.update(1, 10, 0, 500, 1, Optional.of(total), List.of(gpu), CARBON);
        }
        assertEquals(4 * alone.prior(total, 1).orElseThrow().b(), rank.prior(total, 1).orElseThrow().b(), 1e-9);
        assertEquals(alone.estimateGrams().orElseThrow(), rank.estimateGrams().orElseThrow(),
            "the a-priori estimate stays the whole job's");
        assertThrows(IllegalArgumentException.class,
            () -> new RunForecaster(OptionalDouble.empty(), Optional.empty(), Calibration.bundled(), 0));
    }
}
