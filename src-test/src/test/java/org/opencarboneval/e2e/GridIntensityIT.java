package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real training charged at a grid that steps from 100 to 600 g/kWh mid-run (an intensity file the agent re-reads
 * every second): the ledger's CO2e is each interval's energy x the intensity in force then (x PUE) within 2%, the
 * forecast made before the step charges the energy after it at 600, and the source, the budget and its one warning
 * line are where users look.
 */
@Timeout(300)
class GridIntensityIT {

    /** How far ahead of the forecast that first sees it the step is put. */
    private static final Duration STEP_AHEAD = Duration.ofSeconds(12);

    @Test
    void co2eFollowsTheIntensityPerIntervalAndTheForecastCountsTheStep() throws Exception {
        Path ledger = TrainingJvm.workFile("grid.jsonl");
        Path intensity = TrainingJvm.workFile("grid-intensity.csv");
        Files.deleteIfExists(ledger);
        Files.writeString(intensity, "time,g_per_kwh,kind\n" + Instant.now().minusSeconds(3600) + ",100,actual\n");
        Instant step;
        Scrape beforeStep;
        Instant scrapedAt;
        // flushed every sample, so that the forecast the metrics show, the one on record, is a sample old at most
        try (MonitoredRun run = MonitoredRun.start("e2e-grid", "ledger=" + ledger + ",interval=0.25,ledger.flush=0.25,"
                + "console.interval=1,intensity=file,intensity.file=" + intensity + ",intensity.refresh=1,"
                + "budget.co2e=0.001g")) {
            run.awaitScrape(s -> s.has("oce_forecast_total_emissions_grams"), "a forecast");
            step = Instant.now().plus(STEP_AHEAD);
            Files.writeString(intensity, "time,g_per_kwh,kind\n" + Instant.now().minusSeconds(3600) + ",100,actual\n"
                + step + ",600,forecast\n");
            beforeStep = run.awaitScrape(s -> impliedIntensity(s) > 150, "a forecast that sees the step");
            scrapedAt = Instant.now();
            assertTrue(scrapedAt.isBefore(step), "the forecast was seen " + Duration.between(step, scrapedAt)
                + " after the step; a machine this slow needs a larger STEP_AHEAD");
            beforeStep.assertSource("file");
            assertEquals(100, beforeStep.value("oce_grid_intensity_grams_per_kwh", "run_id", "e2e-grid"));

            Scrape after = run.awaitScrape(s -> s.value("oce_grid_intensity_grams_per_kwh", "run_id", "e2e-grid") == 600
                && Instant.now().isAfter(step.plusSeconds(4)), "the step in force for 4 s");
            assertTrue(after.value("oce_budget_forecast_ratio", "budget", "co2e") > 1);
            String stderr = run.stderr();
            assertTrue(stderr.contains("  grid 100 g/kWh file"), stderr);
            assertTrue(stderr.contains("  grid 600 g/kWh file"), stderr);
            // the 1 mg budget is crossed by what was measured before the first forecast, or by that forecast
            assertEquals(1, stderr.lines().filter(l -> l.startsWith("[opencarboneval] over budget: the ")
                && l.contains("CO2e")).count(), "one warning when the run crosses the budget:\n" + stderr);
        }

        // The forecast before the step: its remaining CO2e over its remaining energy is the mean intensity over its
        // remaining time, 100 until the step and 600 after it (the sample it shows is up to 1 s older than the
        // scrape).
        double remaining = beforeStep.value("oce_forecast_remaining_seconds");
        double untilStep = Duration.between(scrapedAt, step).toMillis() / 1000.0;
        assertTrue(remaining > untilStep + 5, "the run ends well after the step: " + remaining + " s left");
        assertEquals(meanIntensity(untilStep + 0.5, remaining), impliedIntensity(beforeStep),
            meanIntensity(untilStep, remaining) - meanIntensity(untilStep + 1, remaining) + 1e-6,
            "the forecast's remaining CO2e charges 100 g/kWh until the step and 600 after");

        Ledger records = Ledger.read(ledger);
        List<Map<String, Object>> samples = records.ofType("sample");
        double pue = (Double) records.ofType("start").get(0).get("pue");
        double charged = 0;
        double atTheStep = 0;
        double previous = 0;
        int spanningTheStep = 0;
        for (Map<String, Object> sample : samples) {
            double joules = total(sample);
            double ci = (Double) sample.get("ci_g_per_kwh");
            // the one interval that spans the step is charged the mean over it
            spanningTheStep += ci > 100 && ci < 600 ? 1 : 0;
            assertTrue(ci >= 100 && ci <= 600 && spanningTheStep <= 1, "an intensity of the file, or one mean of "
                + "both: " + ci);
            assertEquals("file", sample.get("ci_source"));
            charged += (joules - previous) / 3.6e6 * pue * ci;
            atTheStep += ci == 600 ? joules - previous : 0;
            previous = joules;
        }
        Map<String, Object> end = records.end();
        double co2e = (Double) end.get("co2e_g");
        assertEquals(charged, co2e, 0.02 * charged, "CO2e is energy x intensity per interval");
        double allAt100 = previous / 3.6e6 * pue * 100;
        assertTrue(atTheStep / previous > 0.05, "energy was drawn after the step: " + atTheStep + " of " + previous);
        assertTrue(co2e > 1.2 * allAt100, "so charging all of it at 100 g/kWh would be far off: " + allAt100);
    }

    /** The forecast's remaining CO2e per remaining kWh, before PUE: the mean intensity it expects ahead. */
    private static double impliedIntensity(Scrape scrape) {
        if (!scrape.has("oce_forecast_total_emissions_grams")) {
            return 0;
        }
        double grams = scrape.value("oce_forecast_total_emissions_grams", "bound", "expected")
            - scrape.value("oce_emissions_grams_total");
        double kwh = (scrape.value("oce_forecast_total_energy_joules", "bound", "expected")
            - scrape.sum("oce_energy_joules_total")) / 3.6e6;
        return grams / (kwh * scrape.value("oce_pue_ratio"));
    }

    private static double meanIntensity(double untilStep, double remaining) {
        double before = Math.max(0, Math.min(untilStep, remaining));
        return (100 * before + 600 * (remaining - before)) / remaining;
    }

    private static double total(Map<String, Object> sample) {
        return Ledger.energy(sample, "gpu") + Ledger.energy(sample, "cpu") + Ledger.energy(sample, "dram");
    }
}
