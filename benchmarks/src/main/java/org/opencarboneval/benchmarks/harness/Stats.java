package org.opencarboneval.benchmarks.harness;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Order statistics of a sample: the harnesses report medians and spreads, never means of noisy timings. */
public record Stats(double[] sorted) {

    public static Stats of(List<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Stats(sorted);
    }

    public int count() {
        return sorted.length;
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public double median() {
        return percentile(50);
    }

    /** Linear interpolation between the closest ranks. */
    public double percentile(double p) {
        double rank = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /** e.g. {@code 0.998 (min 0.990, max 1.004, n=10)} with the given format for each number. */
    public String summary(String format) {
        return String.format(Locale.ROOT, format + " (min " + format + ", max " + format + ", n=%d)", median(), min(),
            max(), count());
    }
}
