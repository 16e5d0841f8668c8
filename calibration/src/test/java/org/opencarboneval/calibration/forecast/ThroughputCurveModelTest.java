package org.opencarboneval.calibration.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** OpenCarbonEval's throughput curve as a cost model: power transients, pauses and steps in speed. */
class ThroughputCurveModelTest {

    private final List<ProgressPoint> points = new ArrayList<>();

    private void observe(ProgressPoint point) {
        points.add(point);
    }

    private Cost cost(double totalWork) {
        ProgressPoint last = points.get(points.size() - 1);
        return ThroughputCurveModel.cost(points, totalWork, Optional.empty()).orElseThrow()
            .over(totalWork - last.work());
    }

    private double remainingEnergy(double totalWork) {
        return cost(totalWork).joulesPerWork() * (totalWork - points.get(points.size() - 1).work());
    }

    /**
     * Power carries a transient that fades as 1/t (JIT compilation's CPU time once the hot code is compiled) over a
     * level of 150 W: at a fifth of the run the recent windows still draw 10% more than the rest of the run will.
     * The forecast integrates the fading transient (within 1%; the previous recent-level estimate put it 10.8% high).
     */
    @Test
    void aFadingPowerTransientIsIntegratedOverTheRestOfTheRun() {
        for (int t = 1; t <= 100; t++) {
            observe(new ProgressPoint(t, 20.0 * t, 150 * t + 2000 * Math.log(t) + 2000));
        }
        double remainingEnergy = 150 * 400 + 2000 * Math.log(500 / 100.0);
        assertEquals(remainingEnergy, remainingEnergy(10_000), 0.01 * remainingEnergy);
    }

    /** Power that falls too fast for a transient over a level would fade below zero: the recent level is used. */
    @Test
    void powerFallingTowardsZeroIsNotForecastNegative() {
        for (int t = 1; t <= 100; t++) {
            observe(new ProgressPoint(t, 20.0 * t, 1000 * Math.log(t) - 5 * t + 1000));
        }
        // The last windows draw about 5 W; the rest of the run takes 900 s.
        assertTrue(remainingEnergy(20_000) > 900 * 4, cost(20_000).toString());
    }

    /** Of two speed changes the later one decides the forecast. */
    @Test
    void theLatestOfSeveralStepsDefinesTheRegime() {
        double work = 0;
        for (int t = 1; t <= 3000; t++) {
            work += t <= 1000 ? 40 : t <= 2400 ? 10 : 20;
            observe(new ProgressPoint(t, work, 100.0 * t));
        }
        assertEquals(1.0 / 20, cost(200_000).secondsPerWork(), 0.02 / 20);
    }

    /** A larger batch draws more power: after the step in speed, the power of the new regime is forecast. */
    @Test
    void aStepInSpeedStartsANewPowerLevel() {
        double work = 0;
        double energy = 0;
        for (int t = 1; t <= 200; t++) {
            work += t <= 150 ? 40 : 25;
            energy += t <= 150 ? 200 : 300;
            observe(new ProgressPoint(t, work, energy));
        }
        double remaining = (20_000 - work) / 25 * 300;
        assertEquals(remaining, remainingEnergy(20_000), 0.02 * remaining);
    }
}
