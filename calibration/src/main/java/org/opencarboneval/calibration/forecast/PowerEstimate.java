package org.opencarboneval.calibration.forecast;

import java.util.List;
import java.util.Optional;

/** Energy per device-second, measured over some windows or expected over a span ahead, with its standard error. */
record PowerEstimate(double watts, double standardError) {

    double relativeStandardError() {
        return watts > 0 ? standardError / watts : 0;
    }

    /** The recency-weighted mean power of the windows. */
    static Optional<PowerEstimate> of(List<Window> windows, Recency recency) {
        double weightSum = 0;
        double weightSquares = 0;
        double energy = 0;
        for (Window w : windows) {
            double weight = recency.weight(w);
            energy += recency.factor(w) * w.energy();
            weightSum += weight;
            weightSquares += weight * weight;
        }
        if (!(weightSum > 0)) {
            return Optional.empty();
        }
        double mean = energy / weightSum;
        double spread = 0;
        for (Window w : windows) {
            spread += recency.weight(w) * Math.pow(w.power() - mean, 2);
        }
        double effective = weightSum * weightSum / weightSquares;
        double variance = effective > 1 ? spread / weightSum * effective / (effective - 1) : mean * mean;
        return Optional.of(new PowerEstimate(mean, Math.sqrt(variance / effective)));
    }

    /**
     * The mean power expected from {@code now} to {@code end}, from {@code p(t) = a + b / t} fitted to the windows:
     * early windows run hot with work that fades (JIT compilation, caches being allocated), and on a short history
     * the recent windows are still warmer than the rest of the run will be. Without a clear transient this is the
     * windows' typical level; where the fit would fade below zero (a job winding down, not warming up), their
     * recency-weighted mean. The windows must not be empty.
     */
    static PowerEstimate ahead(List<Window> windows, Recency recency, double now, double end) {
        CurveFit fit = CurveFit.line(windows.stream()
            .map(w -> new CurveFit.WeightedPoint(1 / w.middle(), w.power(), recency.weight(w)))
            .toList(), List.of(), CurveFit.Level.TYPICAL);
        if (fit.a() < 0) {
            return of(windows, recency).orElseThrow();
        }
        // The mean of 1/t over [now, end].
        double fading = end > now ? Math.log(end / now) / (end - now) : 1 / now;
        double[] c = fit.covariance();
        double variance = c[0] + 2 * fading * c[1] + fading * fading * c[2];
        return new PowerEstimate(fit.a() + fit.b() * fading, Math.sqrt(Math.max(variance, 0)));
    }
}
