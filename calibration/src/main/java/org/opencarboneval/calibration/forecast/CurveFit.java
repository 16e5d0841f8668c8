package org.opencarboneval.calibration.forecast;

import java.util.List;

/**
 * A line {@code y = a + b x} with {@code b >= 0}, fitted to windows by weighted least squares, with Huber reweighting
 * so that a stray window (a GC pause, a slow batch) does not tilt it, and optional pseudo-observations of a prior.
 * Two curves of a run take this form:
 * <ul>
 *   <li>throughput, {@code r(t) = a + b ln t} with {@code x = ln t}: the large-t form of the paper's
 *       {@code b ln(1 + c t)}, in the run's own units. Like the paper's curve it never falls: a slowdown seen in the
 *       data is a step ({@link Regime} cuts the history there) or noise, and a falling logarithm extrapolated over
 *       the rest of a run would forecast it to a crawl;</li>
 *   <li>power, {@code p(t) = a + b / t} with {@code x = 1 / t}: a level plus a transient that fades, as the CPU time
 *       of JIT compilation does once the hot code is compiled ({@link PowerEstimate}).</li>
 * </ul>
 *
 * <p>A slope is kept only when it earns its place: it must stand {@value #SLOPE_T} standard errors above zero, or
 * chance in a short, noisy history would be extrapolated over the whole remaining run. A rising throughput curve
 * must also, fitted on the older two thirds of the windows, predict the newest third better than a flat line does;
 * otherwise the end of a warm-up ramp (JIT compilation, caches filling) would be forecast to go on rising.
 *
 * @param a          the level: throughput at t = 1 device-second, or power once the transient has faded
 * @param b          throughput gained per e-fold of device time, or the transient's joules
 * @param covariance covariance of (a, b): {@code [var a, cov ab, var b]}
 */
record CurveFit(double a, double b, double[] covariance) {

    private static final double HUBER_K = 1.345;
    /** One-sided 95%. */
    static final double SLOPE_T = 1.645;

    double throughput(double deviceSeconds) {
        return a + b * Math.log(deviceSeconds);
    }

    /** A point the fit should pass near, with the weight it carries. */
    record WeightedPoint(double x, double y, double weight) {
    }

    /** Where a line's level sits among windows that stray from it. */
    enum Level {
        /**
         * Through the windows' plain weighted mean: for throughput, whose slow windows (an evaluation pass, a
         * collector pause) are costs that recur, and time the rest of the run spends too.
         */
        MEAN,
        /** Among the typical windows, strays down-weighted: for power, whose stray windows are bursts that fade. */
        TYPICAL
    }

    /** The throughput curve, flat where its rise is not clear or does not predict newer windows. */
    static CurveFit fit(List<WeightedPoint> points, List<WeightedPoint> prior) {
        CurveFit line = line(points, prior, Level.MEAN);
        if (line.b() == 0 || points.size() < 6) {
            return line;
        }
        int cut = points.size() * 2 / 3;
        List<WeightedPoint> older = points.subList(0, cut);
        List<WeightedPoint> newer = points.subList(cut, points.size());
        boolean slopeHelps = predictionError(fit(older, prior, true, Level.MEAN), newer)
            < predictionError(fit(older, prior, false, Level.MEAN), newer);
        return slopeHelps ? line : fit(points, prior, false, Level.MEAN);
    }

    /** The line, flat where its slope does not stand clear of zero. */
    static CurveFit line(List<WeightedPoint> points, List<WeightedPoint> prior, Level level) {
        CurveFit sloped = fit(points, prior, true, level);
        return sloped.b() > SLOPE_T * Math.sqrt(sloped.covariance()[2]) ? sloped : fit(points, prior, false, level);
    }

    private static double predictionError(CurveFit fit, List<WeightedPoint> points) {
        double error = 0;
        for (WeightedPoint p : points) {
            error += p.weight() * Math.pow(p.y() - (fit.a() + fit.b() * p.x()), 2);
        }
        return error;
    }

    private static CurveFit fit(List<WeightedPoint> points, List<WeightedPoint> prior, boolean sloped,
                                Level level) {
        double[] robust = new double[points.size()];
        java.util.Arrays.fill(robust, 1.0);
        double[] solution = solve(points, robust, prior, sloped);
        for (int iteration = 0; iteration < 6; iteration++) {
            double scale = residualScale(points, solution);
            if (!(scale > 0)) {
                break;
            }
            for (int i = 0; i < points.size(); i++) {
                double residual = Math.abs(points.get(i).y() - (solution[0] + solution[1] * points.get(i).x()))
                    / scale;
                robust[i] = residual <= HUBER_K ? 1.0 : HUBER_K / residual;
            }
            solution = solve(points, robust, prior, sloped);
        }
        if (level == Level.MEAN) {
            solution[0] = meanLevel(points, prior, solution[1]);
        }
        return new CurveFit(solution[0], solution[1], covariance(points, robust, prior, solution));
    }

    /** The level through the points' plain weighted mean for a given slope: robust weights still set the slope. */
    private static double meanLevel(List<WeightedPoint> points, List<WeightedPoint> prior, double slope) {
        double[] plain = new double[points.size()];
        java.util.Arrays.fill(plain, 1.0);
        double[] s = sums(points, plain, prior);
        return (s[3] - slope * s[1]) / s[0];
    }

    /** Weighted normal equations of {@code y = a + b x}; a flat line when asked or when the points cannot fix a slope. */
    private static double[] solve(List<WeightedPoint> points, double[] robust, List<WeightedPoint> prior,
                                  boolean sloped) {
        double[] s = sums(points, robust, prior);
        double sw = s[0];
        double sx = s[1];
        double sxx = s[2];
        double sy = s[3];
        double sxy = s[4];
        double determinant = sw * sxx - sx * sx;
        if (!sloped || !(determinant > 1e-12 * sw * sxx)) {
            return new double[] {sy / sw, 0};
        }
        double b = (sw * sxy - sx * sy) / determinant;
        return b < 0 ? new double[] {sy / sw, 0} : new double[] {(sy - b * sx) / sw, b};
    }

    private static double[] sums(List<WeightedPoint> points, double[] robust, List<WeightedPoint> prior) {
        double[] s = new double[5];
        for (int i = 0; i < points.size(); i++) {
            add(s, points.get(i), robust[i]);
        }
        for (WeightedPoint p : prior) {
            add(s, p, 1.0);
        }
        return s;
    }

    private static void add(double[] s, WeightedPoint p, double robust) {
        double w = p.weight() * robust;
        s[0] += w;
        s[1] += w * p.x();
        s[2] += w * p.x() * p.x();
        s[3] += w * p.y();
        s[4] += w * p.x() * p.y();
    }

    /** Median absolute residual, scaled to a standard deviation for normal errors. */
    private static double residualScale(List<WeightedPoint> points, double[] solution) {
        double[] residuals = points.stream()
            .mapToDouble(p -> Math.abs(p.y() - (solution[0] + solution[1] * p.x())))
            .sorted().toArray();
        return residuals.length == 0 ? 0 : 1.4826 * residuals[residuals.length / 2];
    }

    /**
     * Parameter covariance {@code s^2 (X'WX)^-1}, with {@code s^2} the weighted residual variance and the weights
     * normalised to the effective number of windows, so that many tiny windows do not fake precision.
     */
    private static double[] covariance(List<WeightedPoint> points, double[] robust, List<WeightedPoint> prior,
                                       double[] solution) {
        double weightSum = 0;
        double weightSquares = 0;
        double residualSquares = 0;
        for (int i = 0; i < points.size(); i++) {
            double w = points.get(i).weight() * robust[i];
            double residual = points.get(i).y() - (solution[0] + solution[1] * points.get(i).x());
            weightSum += w;
            weightSquares += w * w;
            residualSquares += w * residual * residual;
        }
        double effective = weightSum * weightSum / Math.max(weightSquares, Double.MIN_VALUE);
        if (effective <= 2 || weightSum == 0) {
            return new double[] {Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY};
        }
        double variance = residualSquares / weightSum * effective / (effective - 2);
        double[] s = sums(points, robust, prior);
        // Scale the information so its total weight is the effective number of windows.
        double norm = effective / s[0];
        double sw = s[0] * norm;
        double sx = s[1] * norm;
        double sxx = s[2] * norm;
        double determinant = sw * sxx - sx * sx;
        if (solution[1] == 0) {
            // The slope sits on its bound: only the level is uncertain.
            return new double[] {variance / sw, 0, 0};
        }
        if (!(determinant > 0)) {
            return new double[] {variance / sw, 0, Double.POSITIVE_INFINITY};
        }
        return new double[] {variance * sxx / determinant, -variance * sx / determinant, variance * sw / determinant};
    }
}
