package org.opencarboneval.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    private final HardwareCatalogue catalogue = HardwareCatalogue.bundled();

    private static String text(Calibration calibration) throws IOException {
        StringWriter out = new StringWriter();
        calibration.write(out, "test");
        return out.toString();
    }

    @Test
    void theBundledCalibrationIsTheFitOfTheBundledRuns() throws IOException {
        // Guards against editing published_runs.csv without re-running 'calibrate --out'.
        assertEquals(text(new CalibrationFitter(catalogue).fit(PublishedRun.bundled())), text(Calibration.bundled()));
    }

    @Test
    void aWrittenCalibrationReadsBackTheSame() throws IOException {
        Calibration fitted = new CalibrationFitter(catalogue).fit(PublishedRun.bundled());
        assertEquals(fitted, Calibration.parse("round trip", new StringReader(text(fitted))));
    }

    /** Runs generated from known per-family errors of the paper: the fit finds them (up to its shrinkage). */
    @Test
    void recoversPerFamilyShiftsAndPowerFromSyntheticRuns() {
        Map<String, Double> shifts = Map.of("NVIDIA A100 SXM4 80 GB", -0.3, "NVIDIA H100 SXM5", 0.2);
        double powerRatio = 0.8;
        List<PublishedRun> runs = new ArrayList<>();
        shifts.forEach((hardware, shift) -> {
            Hardware h = catalogue.resolve(hardware);
            for (int i = 0; i < 20; i++) {
                double flops = 1e21 * Math.pow(10, 4.0 * i / 19);
                double hours = PaperEstimator.curveTime(h, flops / 1e12).seconds().expected() * Math.exp(shift) / 3600;
                runs.add(new PublishedRun(i, "synthetic " + i, Double.NaN, flops, hardware, hours,
                    powerRatio * h.tdpWatts(), 1.1, 0.4, Double.NaN, true, "generated"));
            }
        });
        Calibration fit = new CalibrationFitter(catalogue).fit(runs);
        assertEquals(ThroughputModel.FAMILY, fit.model());
        double pooled = (20 * -0.3 + 20 * 0.2) / (40 + CalibrationFitter.POOLED_PRIOR_RUNS);
        double prior = CalibrationFitter.FAMILY_PRIOR_RUNS;
        assertEquals((20 * 0.2 + prior * pooled) / (20 + prior), fit.families().get("H100").lnTimeShift(), 1e-9);
        assertEquals((20 * -0.3 + prior * pooled) / (20 + prior), fit.families().get("A100").lnTimeShift(), 1e-9);
        assertEquals(Math.log(powerRatio), fit.families().get("A100").lnPowerRatio(), 1e-9);
        assertTrue(fit.bandLnHigh() - fit.bandLnLow() < 0.1, "band " + fit.bandLnLow() + ".." + fit.bandLnHigh());
    }

    /** Runs the paper gets right, each off by the same small amount either way: no correction beats none. */
    @Test
    void runsThePaperPredictsKeepThePaper() {
        List<PublishedRun> runs = new ArrayList<>();
        Hardware h = catalogue.resolve("H100");
        for (int i = 0; i < 12; i++) {
            double flops = 1e22 * (i + 1);
            double hours = PaperEstimator.curveTime(h, flops / 1e12).seconds().expected() / 3600
                * Math.exp(i % 2 == 0 ? 0.1 : -0.1);
            runs.add(new PublishedRun(i, "r" + i, Double.NaN, flops, "H100", hours, Double.NaN, 1.1, 0.4,
                Double.NaN, false, "generated"));
        }
        assertEquals(ThroughputModel.PAPER, new CalibrationFitter(catalogue).fit(runs).model());
    }

    @Test
    void theBandIsTheSplitConformalQuantilesOfTheLeaveOneOutErrors() {
        List<Double> nineteen = new ArrayList<>();
        List<Double> thirtyNine = new ArrayList<>();
        for (int i = 1; i <= 39; i++) {
            thirtyNine.add((i - 20) / 100.0);
            if (i <= 19) {
                nineteen.add((i - 10) / 100.0);
            }
        }
        // n = 19: floor(20 x 0.05) = 1st and ceil(20 x 0.95) = 19th smallest, the extremes.
        assertArrayEquals(new double[] {-0.09, 0.09}, CalibrationFitter.conformalBand(nineteen), 1e-12);
        // n = 39: the 2nd and 38th smallest.
        assertArrayEquals(new double[] {-0.18, 0.18}, CalibrationFitter.conformalBand(thirtyNine), 1e-12);
        assertArrayEquals(new double[] {0, 0.3}, CalibrationFitter.conformalBand(List.of(0.1, 0.2, 0.3)), 1e-12,
            "the band always holds the point estimate");
    }

    @Test
    void withoutAnEnergyMeasuredColumnTheBasisTextDecides() throws IOException {
        String header = "model,params,training_flops,hardware,device_hours,avg_power_w,pue,ci_kg_per_kwh,energy_mwh,"
            + "tco2e_kind,source\n";
        List<PublishedRun> runs = PublishedRun.readAll(CsvTable.parse("runs.csv", new StringReader(header
            + "a,,1e22,A100,100,,,,5,\"location-based, MEASURED GPU energy\",s\n"
            + "b,,1e22,A100,100,,,,5,energy not measured (TDP x hours),s\n"
            + "c,,1e22,A100,100,300,,,5,reported,s\n")));
        assertTrue(runs.get(0).hasMeasuredEnergy());
        assertTrue(!runs.get(1).hasMeasuredEnergy());
        assertTrue(runs.get(2).hasMeasuredEnergy(), "measured power makes the energy measured");
    }

    @Test
    void duplicateRowsOfOneRunAreOneObservation() {
        List<PublishedRun> runs = PublishedRun.bundled();
        long bloomRows = runs.stream().filter(r -> r.model().startsWith("BLOOM-176B") && r.hasThroughput()).count();
        assertEquals(3, bloomRows);
        Calibration fit = new CalibrationFitter(catalogue).fit(runs);
        long a100Runs = runs.stream().filter(PublishedRun::hasThroughput)
            .filter(r -> catalogue.find(r.hardware()).map(h -> h.family().equals("A100")).orElse(false)).count();
        assertEquals(a100Runs - 2, fit.families().get("A100").throughputRuns());
    }

    /**
     * The nested leave-one-out (the model is chosen inside each fold) beats the paper on both the median and the mean
     * error, and its band holds the truth for 80-95% of the runs where the paper's alpha range holds it far less often.
     */
    @Test
    void calibratedBeatsThePaperOnDeviceHoursOfRunsItWasNotFittedOn() {
        LeaveOneOut.Report report = new LeaveOneOut(catalogue).evaluate(PublishedRun.bundled());
        LeaveOneOut.Summary calibrated = report.deviceHours(Method.CALIBRATED);
        LeaveOneOut.Summary paper = report.deviceHours(Method.PAPER);
        assertTrue(calibrated.count() >= 20, "rows " + calibrated.count());
        assertTrue(calibrated.medianApe() < paper.medianApe(), calibrated + " vs " + paper);
        assertTrue(calibrated.meanApe() < paper.meanApe(), calibrated + " vs " + paper);
        assertTrue(calibrated.coverage() >= 0.8 && calibrated.coverage() <= 0.95, "coverage " + calibrated);
        assertTrue(paper.coverage() < calibrated.coverage(), paper + " vs " + calibrated);
        assertTrue(report.energy(Method.CALIBRATED).count() >= 10);
        assertEquals(report.deviceHours(Method.CALIBRATED).count(),
            report.choices().values().stream().mapToInt(Integer::intValue).sum());
    }

    /** Fitted without any run of the left-out run's publication, the gain is smaller but still there. */
    @Test
    void calibratedBeatsThePaperOnRunsOfPublicationsItHasNotSeen() {
        LeaveOneOut.Report report = new LeaveOneOut(catalogue).evaluateBySource(PublishedRun.bundled());
        LeaveOneOut.Summary calibrated = report.deviceHours(Method.CALIBRATED);
        LeaveOneOut.Summary paper = report.deviceHours(Method.PAPER);
        assertTrue(calibrated.medianApe() < paper.medianApe(), calibrated + " vs " + paper);
        assertTrue(calibrated.meanApe() < paper.meanApe(), calibrated + " vs " + paper);
        assertTrue(calibrated.coverage() >= 0.8, "coverage " + calibrated);
    }

    @Test
    void duplicateRowsAreEvaluatedOnce() {
        LeaveOneOut.Report report = new LeaveOneOut(catalogue).evaluate(PublishedRun.bundled());
        assertEquals(1, report.rows().stream().filter(r -> r.run().model().startsWith("BLOOM-176B")).count());
    }

    @Test
    void givenDeviceHoursNeedNoThroughputModel() {
        Hardware a100 = catalogue.resolve("A100");
        Estimate estimate = new CalibratedEstimator(Calibration.bundled()).estimate(new EstimateRequest(a100,
            OptionalDouble.empty(), OptionalDouble.of(1000), OptionalInt.of(8),
            new Pue("given", 1.2, 0, "test"), GridIntensities.bundled().resolve("DE")));
        assertEquals(3.6e6, estimate.deviceSeconds().expected());
        assertEquals(3.6e6 / 8, estimate.wallSeconds().getAsDouble());
        double kwh = 1000 * Calibration.bundled().watts(a100) / 1000 * 1.2;
        assertEquals(kwh, estimate.energyKwh().expected(), 1e-9 * kwh);
        assertTrue(estimate.energyKwh().low() < kwh && kwh < estimate.energyKwh().high());
    }

    @Test
    void theCalibratedEstimateIsThePapersTimeShiftedWithTheConformalBand() {
        Calibration calibration = Calibration.bundled();
        Hardware h100 = catalogue.resolve("H100");
        Estimate estimate = new CalibratedEstimator(calibration).estimate(new EstimateRequest(h100,
            OptionalDouble.of(6.3e24), OptionalDouble.empty(), OptionalInt.empty(),
            new Pue("given", 1.1, 0, "test"), GridIntensities.bundled().world()));
        Range t = estimate.deviceSeconds();
        double paper = new PaperEstimator().estimate(new EstimateRequest(h100, OptionalDouble.of(6.3e24),
            OptionalDouble.empty(), OptionalInt.empty(), new Pue("none", 1.0, 0, "paper"),
            GridIntensities.bundled().world())).deviceSeconds().expected();
        assertEquals(paper * Math.exp(calibration.fitFor(h100).lnTimeShift()), t.expected(), 1e-9 * t.expected());
        assertEquals(calibration.bandLnHigh(), Math.log(t.high() / t.expected()), 1e-9);
        assertEquals(calibration.bandLnLow(), Math.log(t.low() / t.expected()), 1e-9);
    }

    @Test
    void measuredThroughputAndPowerReplaceTheFit() {
        Hardware a100 = catalogue.resolve("A100-80G");
        Calibration calibration = Calibration.bundled().withMeasured(Map.of(a100.id(),
            new Calibration.Measured(a100.id(), 150, 320, 2, 10)));
        Estimate estimate = new CalibratedEstimator(calibration).estimate(new EstimateRequest(a100,
            OptionalDouble.of(1.5e21), OptionalDouble.empty(), OptionalInt.empty(),
            new Pue("given", 1.0, 0, "test"), GridIntensities.bundled().world()));
        assertEquals(1e7, estimate.deviceSeconds().expected(), 1e-3);
        assertEquals(320, estimate.watts());
        Hardware h100 = catalogue.resolve("H100");
        assertEquals(Calibration.bundled().watts(h100), calibration.watts(h100), "other hardware keeps the fit");
    }

    @Test
    void aBadCalibrationFileIsNamedWithWhatIsWrong() throws IOException {
        String good = text(Calibration.bundled());
        assertBad(good + "compute_slope=0.1\n", "unknown key 'compute_slope'");
        assertBad(good.replace("model=pooled", "model=ridge"),
            "'model' is 'ridge'; expected one of paper, pooled, family");
        assertBad(good.replaceAll("band_ln_low=[^\n]*\n", ""), "missing 'band_ln_low'");
        assertBad(good.replaceAll("band_ln_high=[^\n]*", "band_ln_high=-0.1"), "must hold 0");
        assertBad(good.replaceAll("sigma_ln_power=[^\n]*", "sigma_ln_power=fast"),
            "'sigma_ln_power' is 'fast', not a number");
        assertBad(good + "measured.a999.tflops_per_device=1\n", "'measured.a999' names no catalogued hardware id");
        assertBad(good + "measured.h100-sxm5.tflops_per_device=0\nmeasured.h100-sxm5.watts_per_device=1\n"
            + "measured.h100-sxm5.runs=1\nmeasured.h100-sxm5.device_hours=1\n",
            "'measured.h100-sxm5.tflops_per_device' is 0.0; expected > 0");
    }

    private static void assertBad(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Calibration.parse("cal.properties", new StringReader(text)));
        assertTrue(e.getMessage().startsWith("cal.properties: ") && e.getMessage().contains(expected), e.getMessage());
    }
}
