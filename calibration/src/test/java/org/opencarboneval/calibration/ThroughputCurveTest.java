package org.opencarboneval.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class ThroughputCurveTest {

    /** The inverse is exact over the whole range the paper's devices and real runs span. */
    @Property(tries = 5000)
    void workOfDeviceTimeForWorkIsTheWork(@ForAll @DoubleRange(min = -7, max = 110) double log10Alpha,
                                          @ForAll @DoubleRange(min = 15, max = 27) double log10Flops) {
        ThroughputCurve curve = new ThroughputCurve(log10Alpha);
        double work = Math.pow(10, log10Flops) / 1e12;
        double time = curve.deviceTimeFor(work);
        assertTrue(time > 0 && Double.isFinite(time), () -> "T = " + time);
        assertEquals(work, curve.work(time), 1e-9 * work);
    }

    @Property(tries = 2000)
    void alphaForMeanThroughputInvertsMeanThroughput(@ForAll @DoubleRange(min = -7, max = 110) double log10Alpha,
                                                     @ForAll @DoubleRange(min = 0, max = 12) double log10Seconds) {
        double seconds = Math.pow(10, log10Seconds);
        double mean = new ThroughputCurve(log10Alpha).meanThroughput(seconds);
        assertEquals(log10Alpha, ThroughputCurve.log10AlphaForMeanThroughput(mean, seconds), 1e-9 * Math.max(1, Math.abs(log10Alpha)));
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
