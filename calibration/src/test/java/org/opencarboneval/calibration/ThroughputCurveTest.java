package org.opencarboneval.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

import org.junit.jupiter.api.Test;

class ThroughputCurveTest {

    /**
     * Checks {@code property} at the corners and edges of a box and at many seeded random points inside it, and
     * reports every point where it fails (a property test without a framework).
     */
    private static void forAll(double xMin, double xMax, double yMin, double yMax, DoubleBinaryOperator relativeError,
                               double tolerance) {
        StringBuilder failures = new StringBuilder();
        SplittableRandom random = new SplittableRandom(20261126);
        for (int i = 0; i < 20_000; i++) {
            double x = i < 11 ? xMin + (xMax - xMin) * i / 10 : random.nextDouble(xMin, xMax);
            double y = i < 11 ? yMax - (yMax - yMin) * i / 10 : random.nextDouble(yMin, yMax);
            if (i < 4) {
                x = (i & 1) == 0 ? xMin : xMax;
                y = (i & 2) == 0 ? yMin : yMax;
            }
            double error = relativeError.applyAsDouble(x, y);
            if (!(error <= tolerance) && failures.length() < 2000) {
                failures.append(String.format("(%s, %s): relative error %s%n", x, y, error));
            }
        }
        assertTrue(failures.length() == 0, failures::toString);
    }

    /** The inverse is exact over the whole range the paper's devices and real runs span. */
    @Test
    void workOfDeviceTimeForWorkIsTheWork() {
        forAll(-7, 110, 15, 27, (log10Alpha, log10Flops) -> {
            ThroughputCurve curve = new ThroughputCurve(log10Alpha);
            double work = Math.pow(10, log10Flops) / 1e12;
            double time = curve.deviceTimeFor(work);
            if (!(time > 0) || !Double.isFinite(time)) {
                return Double.NaN;
            }
            return Math.abs(curve.work(time) - work) / work;
        }, 1e-9);
    }

    @Test
    void alphaForMeanThroughputInvertsMeanThroughput() {
        forAll(-7, 110, 0, 12, (log10Alpha, log10Seconds) -> {
            double seconds = Math.pow(10, log10Seconds);
            double mean = new ThroughputCurve(log10Alpha).meanThroughput(seconds);
            return Math.abs(ThroughputCurve.log10AlphaForMeanThroughput(mean, seconds) - log10Alpha)
                / Math.max(1, Math.abs(log10Alpha));
        }, 1e-9);
    }

    @Test
    void matchesTheClosedFormWhereItIsWellConditioned() {
        ThroughputCurve curve = new ThroughputCurve(0);
        double t = 100;
        double expected = Math.log1p(t) + t * Math.log1p(t) - t;
        assertEquals(expected, curve.work(t), 1e-12 * expected);
        assertEquals(Math.log1p(t), curve.throughput(t), 1e-15);
    }

    @Test
    void smallAlphaTimeUsesTheQuadraticRegimeWithoutCancellation() {
        // For x = alpha T << 1 the work is (x^2/2 - x^3/6 + x^4/12) / alpha; the direct formula loses most digits.
        double alpha = 1e-7;
        double t = 1e3;
        double x = alpha * t;
        double expected = (x * x / 2 - x * x * x / 6 + x * x * x * x / 12) / alpha;
        assertEquals(expected, new ThroughputCurve(-7).work(t), 1e-12 * expected);
    }

    @Test
    void reproducesThePapersLlama3Figures() {
        // DESIGN section 2: Llama 3-70B, 6.3e24 FLOP, H100 at 700 W, CI 0.409 -> 1978.8 t at log10(alpha)=100.
        double seconds = new ThroughputCurve(100).deviceTimeFor(6.3e24 / 1e12);
        double tonnes = seconds * 700 / 3.6e6 * 0.409 / 1000;
        assertEquals(1978.8, tonnes, 0.05);
    }

    @Test
    void zeroWorkTakesNoTimeAndBadInputIsRejected() {
        ThroughputCurve curve = new ThroughputCurve(10);
        assertEquals(0, curve.deviceTimeFor(0));
        assertThrows(IllegalArgumentException.class, () -> curve.deviceTimeFor(-1));
        assertThrows(IllegalArgumentException.class, () -> curve.work(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ThroughputCurve(Double.POSITIVE_INFINITY));
    }
}
