package org.opencarboneval.calibration.forecast;

import java.util.List;
import java.util.Optional;

/** Recency-weighted energy per device-second over some windows, with its standard error. */
record PowerEstimate(double watts, double standardError) {

    double relativeStandardError() {
        return watts > 0 ? standardError / watts : 0;
    }

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
}
