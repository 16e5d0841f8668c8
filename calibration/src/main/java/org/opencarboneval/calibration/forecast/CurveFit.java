package org.opencarboneval.calibration.forecast;

import java.util.List;

/**
 * The throughput curve {@code r(t) = a + b ln t} (the large-t form of the paper's {@code b ln(1 + c t)}, in the
 * run's own units) fitted to windows by weighted least squares, with Huber reweighting so that a stray window (a GC
 * pause, a slow batch) does not drag the curve, and optional pseudo-observations of a prior curve. Like the paper's
 * curve, the fit never falls ({@code b >= 0}): a slowdown seen in the data is a step ({@link Regime} cuts the history
 * there) or noise, and a falling logarithm extrapolated over the rest of a run would forecast it to a crawl.
 *
 * <p>A rising logarithm is kept only when it earns its place: fitted on the older two thirds of the windows, it must
 * predict the newest third better than a flat line does. Otherwise the end of a warm-up ramp (JIT compilation,
 * caches filling) would be extrapolated as growth over the whole remaining run.
 *
 * @param a          throughput at t = 1 device-second, in work units per device-second
 * @param b          throughput gained per e-fold of device time
 * @param covariance covariance of (a, b): {@code [var a, cov ab, var b]}
 */
record CurveFit(double a, double b, double[] covariance) {

    private static final double HUBER_K = 1.345;

    double throughput(double deviceSeconds) {
        return a + b * Math.log(deviceSeconds);
    }

    /** A point the fit should pass near, with the weight it carries. */
    record WeightedPoint(double lnT, double throughput, double weight) {
    }

    /** The curve, or a flat line where the slope does not predict newer windows better than a flat line. */
    static CurveFit fit(List<WeightedPoint> points, List<WeightedPoint> prior) {
        CurveFit sloped = fit(points, prior, true);
        if (sloped.b() == 0 || points.size() < 6) {
            return sloped;
        }
        int cut = points.size() * 2 / 3;
        List<WeightedPoint> older = points.subList(0, cut);
        List<WeightedPoint> newer = points.subList(cut, points.size());
        boolean slopeHelps = predictionError(fit(older, prior, true), newer)
            < predictionError(fit(older, prior, false), newer);
        return slopeHelps ? sloped : fit(points, prior, false);
    }

    private static double predictionError(CurveFit fit, List<WeightedPoint> points) {
        double error = 0;
        for (WeightedPoint p : points) {
            error += p.weight() * Math.pow(p.throughput() - (fit.a() + fit.b() * p.lnT()), 2);
        }
        return error;
    }

    private static CurveFit fit(List<WeightedPoint> points, List<WeightedPoint> prior, boolean sloped) {
        double[] robust = new double[points.size()];
        java.util.Arrays.fill(robust, 1.0);
        double[] solution = solve(points, robust, prior, sloped);
        for (int iteration = 0; iteration < 6; iteration++) {
            double scale = residualScale(points, solution);
            if (!(scale > 0)) {
                break;
            }
            for (int i = 0; i < points.size(); i++) {
                double residual = Math.abs(points.get(i).throughput() - (solution[0] + solution[1] * points.get(i).lnT()))
                    / scale;
                robust[i] = residual <= HUBER_K ? 1.0 : HUBER_K / residual;
            }
            solution = solve(points, robust, prior, sloped);
        }
        return new CurveFit(solution[0], solution[1], covariance(points, robust, prior, solution));
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
        s[1] += w * p.lnT();
        s[2] += w * p.lnT() * p.lnT();
        s[3] += w * p.throughput();
        s[4] += w * p.lnT() * p.throughput();
    }

    /** Median absolute residual, scaled to a standard deviation for normal errors. */
    private static double residualScale(List<WeightedPoint> points, double[] solution) {
        double[] residuals = points.stream()
            .mapToDouble(p -> Math.abs(p.throughput() - (solution[0] + solution[1] * p.lnT())))
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
            double residual = points.get(i).throughput() - (solution[0] + solution[1] * points.get(i).lnT());
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
