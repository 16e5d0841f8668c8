package org.opencarboneval.calibration;

/**
 * The OpenCarbonEval throughput model: one device delivers {@code f(t) = ln(1 + alpha t)} TFLOP/s after {@code t}
 * seconds of accumulated device time, so the work done after device time {@code T} is
 * {@code W(T) = ln(1 + aT)/a + T ln(1 + aT) - T} TFLOP.
 *
 * <p>Alpha spans hundreds of decades (log10 alpha from about -7 for a K80 to 110 for an H100), so everything is
 * written in terms of {@code x = alpha T} and {@code ln x}, never {@code alpha} alone, and {@code W} is evaluated as
 * {@code T g(x)} with {@code g(x) = ((1 + x) ln(1 + x) - x) / x}, which is the mean throughput over {@code [0, T]}.
 */
public final class ThroughputCurve {

    private static final double LN10 = Math.log(10.0);
    /** Below this {@code x}, {@code g} is summed as a series to avoid cancellation. */
    private static final double SERIES_LIMIT = 0.1;
    /** Above this {@code x}, {@code ln(1 + x)} equals {@code ln x} to double precision. */
    private static final double LOG_LIMIT = 1e17;

    private final double log10Alpha;

    public ThroughputCurve(double log10Alpha) {
        if (!Double.isFinite(log10Alpha)) {
            throw new IllegalArgumentException("log10(alpha) must be finite, got " + log10Alpha);
        }
        this.log10Alpha = log10Alpha;
    }

    public double log10Alpha() {
        return log10Alpha;
    }

    /** Throughput in TFLOP/s of one device after {@code deviceSeconds} of accumulated device time. */
    public double throughput(double deviceSeconds) {
        requireTime(deviceSeconds);
        if (deviceSeconds == 0) {
            return 0;
        }
        return log1pOfX(lnX(deviceSeconds));
    }

    /** Work in TFLOP done after {@code deviceSeconds} of device time: {@code W(T)}. */
    public double work(double deviceSeconds) {
        requireTime(deviceSeconds);
        if (deviceSeconds == 0) {
            return 0;
        }
        return deviceSeconds * meanThroughputAt(lnX(deviceSeconds));
    }

    /** Mean throughput in TFLOP/s over the first {@code deviceSeconds}: {@code W(T)/T}. */
    public double meanThroughput(double deviceSeconds) {
        requireTime(deviceSeconds);
        return deviceSeconds == 0 ? 0 : meanThroughputAt(lnX(deviceSeconds));
    }

    /**
     * Device time in seconds after which {@code workTflop} TFLOP are done: the inverse of {@link #work}, by Newton's
     * method on {@code ln T}. {@code W} is convex and increasing in {@code T}, and in {@code u = ln T} the function
     * {@code ln W(e^u)} is increasing and nearly linear, so Newton from the large-{@code x} start converges in a few
     * steps without overshooting into negative time.
     */
    public double deviceTimeFor(double workTflop) {
        if (!(workTflop >= 0) || Double.isInfinite(workTflop)) {
            throw new IllegalArgumentException("work must be a finite non-negative number of TFLOP, got " + workTflop);
        }
        if (workTflop == 0) {
            return 0;
        }
        double lnWork = Math.log(workTflop);
        double u = startingLogTime(lnWork);
        for (int i = 0; i < 100; i++) {
            double lnX = log10Alpha * LN10 + u;
            double g = meanThroughputAt(lnX);
            // d ln W / d u = 1 + x g'(x) / g(x) = f(T) / g(x), since W' = f.
            double slope = log1pOfX(lnX) / g;
            double step = (u + Math.log(g) - lnWork) / slope;
            u -= step;
            if (Math.abs(step) < 1e-14 * Math.max(1.0, Math.abs(u))) {
                break;
            }
        }
        return Math.exp(u);
    }

    /**
     * The log10(alpha) for which the mean throughput over {@code deviceSeconds} is {@code meanTflops}: the inverse of
     * {@link #meanThroughput} in alpha. Newton on {@code ln x}, using {@code x g'(x) = ln(1 + x) - g(x)}.
     */
    public static double log10AlphaForMeanThroughput(double meanTflops, double deviceSeconds) {
        if (!(meanTflops > 0) || Double.isInfinite(meanTflops)) {
            throw new IllegalArgumentException("mean throughput must be a positive number of TFLOP/s, got " + meanTflops);
        }
        if (!(deviceSeconds > 0) || Double.isInfinite(deviceSeconds)) {
            throw new IllegalArgumentException("device time must be a positive number of seconds, got " + deviceSeconds);
        }
        double lnX = meanTflops > 1 ? meanTflops + 1 : Math.log(2 * meanTflops);
        for (int i = 0; i < 100; i++) {
            double g = meanThroughputAt(lnX);
            double step = (g - meanTflops) / (log1pOfX(lnX) - g);
            lnX -= step;
            if (Math.abs(step) < 1e-14 * Math.max(1.0, Math.abs(lnX))) {
                break;
            }
        }
        return (lnX - Math.log(deviceSeconds)) / LN10;
    }

    /**
     * A start for Newton in {@code ln T}: for large {@code x} the work is about {@code T (ln x - 1)}, for small
     * {@code x} about {@code alpha T^2 / 2}; take the one that is self-consistent.
     */
    private double startingLogTime(double lnWork) {
        double lnAlpha = log10Alpha * LN10;
        // Small-x regime: W ~ alpha T^2 / 2  =>  ln T = (ln W + ln 2 - ln alpha) / 2.
        double small = (lnWork + Math.log(2) - lnAlpha) / 2;
        if (lnAlpha + small < 0) {
            return small;
        }
        // Large-x regime: T = W / (ln(alpha T) - 1); two fixed-point passes are plenty for a start.
        double u = lnWork;
        for (int i = 0; i < 3; i++) {
            double lnX = lnAlpha + u;
            u = lnWork - Math.log(Math.max(lnX - 1, 1e-3));
        }
        return u;
    }

    private double lnX(double deviceSeconds) {
        return log10Alpha * LN10 + Math.log(deviceSeconds);
    }

    /** {@code ln(1 + x)} given {@code ln x}. */
    private static double log1pOfX(double lnX) {
        return lnX > Math.log(LOG_LIMIT) ? lnX : Math.log1p(Math.exp(lnX));
    }

    /** {@code g(x) = ((1 + x) ln(1 + x) - x) / x} given {@code ln x}. */
    static double meanThroughputAt(double lnX) {
        if (lnX > Math.log(LOG_LIMIT)) {
            // 1/x is below 1e-17: (1 + 1/x) ln x - 1 rounds to ln x - 1.
            return lnX - 1;
        }
        double x = Math.exp(lnX);
        if (x < SERIES_LIMIT) {
            // (1+x)ln(1+x) - x = sum_{n>=2} (-1)^n x^n / (n (n-1)), so g = sum_{n>=2} (-1)^n x^(n-1) / (n (n-1)).
            double sum = 0;
            double power = 1;
            for (int n = 2; n < 40; n++) {
                power *= x;
                double term = power / (n * (n - 1.0));
                sum += (n % 2 == 0) ? term : -term;
                if (term < 1e-18 * sum) {
                    break;
                }
            }
            return sum;
        }
        return (1 + 1 / x) * Math.log1p(x) - 1;
    }

    private static void requireTime(double deviceSeconds) {
        if (!(deviceSeconds >= 0) || Double.isInfinite(deviceSeconds)) {
            throw new IllegalArgumentException(
                "device time must be a finite non-negative number of seconds, got " + deviceSeconds);
        }
    }
}
