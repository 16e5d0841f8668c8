package org.opencarboneval.calibration.forecast;

/**
 * Device time needed to do the remaining work along the fitted curve {@code r(t) = max(a + b ln t, floor)}, and how
 * uncertain that time is given the fit's covariance.
 */
final class RemainingTime {

    private RemainingTime() {
    }

    /** Solves {@code integral from now to now + D of r = work} for {@code D} by bisection (the integral grows with D). */
    static double solve(double a, double b, double now, double work, double floor) {
        double rate = Math.max(floor, 1e-300);
        double high = work / rate;
        if (!(workBetween(a, b, now, now + high, floor) >= work)) {
            return high;
        }
        double low = 0;
        for (int i = 0; i < 200 && high - low > 1e-12 * high; i++) {
            double middle = (low + high) / 2;
            if (workBetween(a, b, now, now + middle, floor) < work) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /** Work done between {@code from} and {@code to} along the floored curve. */
    static double workBetween(double a, double b, double from, double to, double floor) {
        if (b == 0) {
            return Math.max(a, floor) * (to - from);
        }
        // The curve crosses the floor once, at t = exp((floor - a) / b); integrate each side in closed form.
        double crossing = Math.exp((floor - a) / b);
        boolean risingAboveFloor = b > 0;
        double curveFrom = risingAboveFloor ? Math.max(from, Math.min(crossing, to)) : from;
        double curveTo = risingAboveFloor ? to : Math.min(to, Math.max(crossing, from));
        double onCurve = curveTo > curveFrom ? antiderivative(a, b, curveTo) - antiderivative(a, b, curveFrom) : 0;
        return onCurve + floor * ((to - from) - Math.max(0, curveTo - curveFrom));
    }

    private static double antiderivative(double a, double b, double t) {
        return a * t + b * (t * Math.log(t) - t);
    }

    /** Relative standard deviation of the remaining time, by the delta method on (a, b). */
    static double relativeSigma(CurveFit fit, double now, double work, double floor, double time) {
        double[] c = fit.covariance();
        if (!Double.isFinite(c[0]) || !Double.isFinite(c[2]) || time <= 0) {
            return 1.0;
        }
        double stepA = Math.max(Math.sqrt(c[0]), 1e-9 * Math.abs(fit.a()) + 1e-300);
        double stepB = Math.max(Math.sqrt(c[2]), 1e-9 * Math.abs(fit.b()) + 1e-300);
        double da = (solve(fit.a() + stepA, fit.b(), now, work, floor)
            - solve(fit.a() - stepA, fit.b(), now, work, floor)) / (2 * stepA);
        double db = (solve(fit.a(), fit.b() + stepB, now, work, floor)
            - solve(fit.a(), fit.b() - stepB, now, work, floor)) / (2 * stepB);
        double variance = da * da * c[0] + 2 * da * db * c[1] + db * db * c[2];
        return Math.min(Math.sqrt(Math.max(variance, 0)) / time, 1.0);
    }
}
