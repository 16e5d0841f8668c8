package org.opencarboneval.calibration.forecast;

/**
 * Device time needed to do the remaining work along the fitted curve {@code r(t) = max(a + b ln t, floor)}.
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
}
