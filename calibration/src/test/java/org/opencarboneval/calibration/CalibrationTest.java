package org.opencarboneval.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
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

    /** Runs generated from known figures: the fit recovers them (up to the documented shrinkage). */
    @Test
    void recoversEfficiencySlopeAndPowerFromSyntheticRuns() {
        double efficiency = -1.0;
        double slope = 0.1;
        double powerRatio = 0.8;
        List<PublishedRun> runs = new ArrayList<>();
        for (String hardware : List.of("NVIDIA A100 SXM4 80 GB", "NVIDIA H100 SXM5")) {
            Hardware h = catalogue.resolve(hardware);
            for (int i = 0; i < 20; i++) {
                double lnCompute = -4 + 8.0 * i / 19;
                double flops = 1e23 * Math.exp(lnCompute);
                double tflops = h.peakTflops() * Math.exp(efficiency + slope * lnCompute);
                double hours = flops / 1e12 / tflops / 3600;
                runs.add(new PublishedRun(i, "synthetic " + i, Double.NaN, flops, hardware, hours,
                    powerRatio * h.tdpWatts(), 1.1, 0.4, Double.NaN, true, "generated"));
            }
        }
        Calibration fit = new CalibrationFitter(catalogue).fit(runs);
        double shrink = fit.computeSlope() / slope;
        assertTrue(shrink > 0.97 && shrink <= 1.0, "slope " + fit.computeSlope());
        assertEquals(efficiency, fit.families().get("H100").lnEfficiency(), 0.01);
        assertEquals(Math.log(powerRatio), fit.families().get("A100").lnPowerRatio(), 1e-9);
        assertTrue(fit.sigmaLnThroughput() < 0.02, "spread " + fit.sigmaLnThroughput());
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
    void duplicateRowsOfOneRunCountOnce() {
        List<PublishedRun> runs = PublishedRun.bundled();
        long bloomRows = runs.stream().filter(r -> r.model().startsWith("BLOOM-176B") && r.hasThroughput()).count();
        assertEquals(3, bloomRows);
        Calibration fit = new CalibrationFitter(catalogue).fit(runs);
        long a100Runs = runs.stream().filter(PublishedRun::hasThroughput)
            .filter(r -> catalogue.find(r.hardware()).map(h -> h.family().equals("A100")).orElse(false)).count();
        assertEquals(a100Runs - 2, fit.families().get("A100").throughputRuns());
    }

    @Test
    void calibratedBeatsThePaperOnDeviceHoursOfRunsItWasNotFittedOn() {
        LeaveOneOut.Report report = new LeaveOneOut(catalogue).evaluate(PublishedRun.bundled());
        LeaveOneOut.Summary calibrated = report.deviceHours(Method.CALIBRATED);
        LeaveOneOut.Summary paper = report.deviceHours(Method.PAPER);
        assertTrue(calibrated.count() >= 20, "rows " + calibrated.count());
        assertTrue(calibrated.medianApe() < paper.medianApe(), calibrated + " vs " + paper);
        assertTrue(report.energy(Method.CALIBRATED).count() >= 10);
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
    void theCalibratedBandIsNinetyPercentOfTheLeaveOneOutSpread() {
        Calibration calibration = Calibration.bundled();
        Hardware h100 = catalogue.resolve("H100");
        Estimate estimate = new CalibratedEstimator(calibration).estimate(new EstimateRequest(h100,
            OptionalDouble.of(6.3e24), OptionalDouble.empty(), OptionalInt.empty(),
            new Pue("given", 1.1, 0, "test"), GridIntensities.bundled().world()));
        Range t = estimate.deviceSeconds();
        assertEquals(CalibratedEstimator.Z90 * calibration.sigmaLnThroughput(), Math.log(t.high() / t.expected()), 1e-9);
        assertEquals(6.3e24 / 1e12 / calibration.meanTflops(h100, 6.3e24), t.expected(), 1e-6 * t.expected());
    }
}
