package org.opencarboneval.calibration.forecast;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleBinaryOperator;

/** Energy per device-second, measured over some windows or expected over a span ahead. */
final class PowerEstimate {

    private PowerEstimate() {
    }

    /** The recency-weighted mean power of the windows; empty when they hold no time. */
    static OptionalDouble of(List<Window> windows, Recency recency) {
        double weightSum = 0;
        double energy = 0;
        for (Window w : windows) {
            energy += recency.factor(w) * w.energy();
            weightSum += recency.weight(w);
        }
        return weightSum > 0 ? OptionalDouble.of(energy / weightSum) : OptionalDouble.empty();
    }

    /**
     * The mean power expected between two device times (now and some end ahead), from {@code p(t) = a + b / t}
     * fitted to the windows: early windows run hot with work that fades (JIT compilation, caches being allocated),
     * and on a short history the recent windows are still warmer than the rest of the run will be. Without a clear
     * transient this is the windows' typical level; where the fit would fade below zero (a job winding down, not
     * warming up), their recency-weighted mean. The windows must not be empty.
     */
    static DoubleBinaryOperator ahead(List<Window> windows, Recency recency) {
        CurveFit fit = CurveFit.line(windows.stream()
            .map(w -> new CurveFit.WeightedPoint(1 / w.middle(), w.power(), recency.weight(w)))
            .toList(), List.of(), CurveFit.Level.TYPICAL);
        if (fit.a() < 0) {
            double mean = of(windows, recency).orElseThrow();
            return (now, end) -> mean;
        }
        // The mean of 1/t over [now, end].
        return (now, end) -> fit.a() + fit.b() * (end > now ? Math.log(end / now) / (end - now) : 1 / now);
    }
}
