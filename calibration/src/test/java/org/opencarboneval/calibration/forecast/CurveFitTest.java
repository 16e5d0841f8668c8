package org.opencarboneval.calibration.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The throughput and power curve fits and the remaining time along them. */
class CurveFitTest {

    /** The check: synthetic throughput on the paper's curve with noise gives back a and b within 5%. */
    @Test
    void recoversTheCurveFromNoisyThroughput() {
        double a = 40;
        double b = 6;
        SplittableRandom random = new SplittableRandom(7);
        List<CurveFit.WeightedPoint> windows = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            double t = 10.0 * i;
            double noisy = (a + b * Math.log(t)) * (1 + 0.05 * random.nextGaussian());
            windows.add(new CurveFit.WeightedPoint(Math.log(t), noisy, 1.0));
        }
        CurveFit fit = CurveFit.fit(windows, List.of());
        assertEquals(a, fit.a(), 0.05 * a);
        assertEquals(b, fit.b(), 0.05 * b);
        assertTrue(Math.sqrt(fit.covariance()[2]) < 0.05 * b, "the fit knows it is precise");
    }

    @Test
    void aStrayWindowDoesNotDragTheFit() {
        List<CurveFit.WeightedPoint> windows = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            windows.add(new CurveFit.WeightedPoint(Math.log(i), 100 + 5 * Math.log(i), 1.0));
        }
        windows.set(25, new CurveFit.WeightedPoint(Math.log(26), 10, 1.0));
        CurveFit fit = CurveFit.fit(windows, List.of());
        assertEquals(5, fit.b(), 0.25);
    }

    /**
     * Twenty windows of a flat speed with 30% scatter (a short history cut by evaluation passes and collector pauses):
     * noise alone must seldom earn a rising curve, which extrapolated over the rest of a run forecasts it too short.
     */
    @Test
    void noiseAloneSeldomEarnsASlope() {
        SplittableRandom random = new SplittableRandom(11);
        int runs = 400;
        int sloped = 0;
        for (int run = 0; run < runs; run++) {
            List<CurveFit.WeightedPoint> windows = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                double noisy = 400 * (1 + 0.3 * random.nextGaussian());
                windows.add(new CurveFit.WeightedPoint(Math.log(0.6 * i), noisy, 0.6));
            }
            sloped += CurveFit.fit(windows, List.of()).b() > 0 ? 1 : 0;
        }
        // A one-sided test at 95% lets about 5% through; the holdout test alone let 86 of these 400 through.
        assertTrue(sloped <= 0.06 * runs, sloped + " of " + runs + " flat runs were fitted a slope");
    }

    /**
     * One window in five is slowed to 30% by an evaluation pass too short to stand out as a pause of its own. Robust
     * weights keep such a window from tilting the curve, but the level goes through the windows' mean: the passes
     * recur, and a level without them would forecast the run 14% too fast.
     */
    @Test
    void recurringSlowWindowsCountInTheLevel() {
        List<CurveFit.WeightedPoint> windows = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            windows.add(new CurveFit.WeightedPoint(Math.log(i), i % 5 == 0 ? 30 : 100, 1.0));
        }
        CurveFit fit = CurveFit.fit(windows, List.of());
        assertEquals(0, fit.b());
        assertEquals(86, fit.a(), 1e-9);
    }

    @Test
    void remainingTimeIntegratesTheCurve() {
        // r = 10 + 2 ln t from t = 100: work over [100, 100 + D] in closed form.
        double d = 500;
        double work = 10 * d + 2 * ((600 * Math.log(600) - 600) - (100 * Math.log(100) - 100));
        assertEquals(d, RemainingTime.solve(10, 2, 100, work, 0.1), 1e-6);
        // A falling curve r = 20 - 2 ln t meets the floor of 1 at t = e^9.5 and continues at the floor's rate.
        double crossing = Math.exp(9.5);
        double onCurve = 20 * (crossing - 100) - 2 * ((crossing * Math.log(crossing) - crossing) - (100 * Math.log(100) - 100));
        double total = onCurve + 1 * (20_000 - crossing);
        assertEquals(19_900, RemainingTime.solve(20, -2, 100, total, 1), 1e-6 * 19_900);
        assertEquals(1000, RemainingTime.solve(-1000, 0, 100, 1000, 1), 1e-6);
    }

    @Test
    void thePaperCurveAsAPriorIsInTheJobsUnits() {
        // 4 devices, 1e15 FLOP a step, log10(alpha) = 20: per device ln(alpha) + ln(n t) TFLOP/s.
        ThroughputPrior prior = ThroughputPrior.fromPaperCurve(new org.opencarboneval.calibration.ThroughputCurve(20),
            1e15, 4);
        double t = 1000;
        double stepsPerSecond = 4 * new org.opencarboneval.calibration.ThroughputCurve(20).throughput(4 * t) / 1000;
        assertEquals(stepsPerSecond, prior.a() + prior.b() * Math.log(t), 1e-9 * stepsPerSecond);
    }
}
