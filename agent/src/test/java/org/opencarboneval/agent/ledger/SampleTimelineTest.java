package org.opencarboneval.agent.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.runtime.Components;

class SampleTimelineTest {

    private static LedgerSample at(double seconds, long steps, double joules) {
        return new LedgerSample("r", "sample", 0, seconds, steps, steps, 0, 0, OptionalLong.empty(),
            new Components(joules, 0, 0), 0, OptionalDouble.empty());
    }

    @Test
    void averagesPowerAndThroughputIntoBoundedSpans() {
        SampleTimeline timeline = new SampleTimeline(1000, 10);
        for (int t = 0; t <= 1000; t++) {
            // 100 W and 2 steps/s for the first half, 300 W and 4 steps/s after
            double joules = t <= 500 ? 100.0 * t : 50_000 + 300.0 * (t - 500);
            long steps = t <= 500 ? 2L * t : 1000 + 4L * (t - 500);
            timeline.add(at(t, steps, joules));
        }
        assertEquals(10, timeline.powerWatts().length, "a thousand samples in ten spans");
        for (int span = 0; span < 10; span++) {
            assertEquals(span < 5 ? 100 : 300, timeline.powerWatts()[span], 1e-9, "span " + span);
            assertEquals(span < 5 ? 2 : 4, timeline.stepsPerSecond()[span], 1e-9, "span " + span);
        }
        assertEquals(50, timeline.times()[0], 1e-9, "the middle of the first 100 s");
        assertEquals(950, timeline.times()[9], 1e-9);
    }

    @Test
    void aRestartRepeatingTheLastTimeCountsNowhereAndSpansWithoutDataHaveNoPoint() {
        SampleTimeline timeline = new SampleTimeline(100, 4);
        timeline.add(at(0, 0, 0));
        timeline.add(at(10, 10, 1000));
        timeline.add(at(10, 10, 1000)); // the restart's first sample
        timeline.add(at(90, 90, 16_000));
        assertArrayEquals(new double[] {100, 187.5}, timeline.powerWatts(), 1e-9,
            "no interval ends in the middle spans; the long one counts where it ends");
        assertArrayEquals(new double[] {5, 50}, timeline.times(), 1e-9, "each where its data sits");
        assertThrows(IllegalArgumentException.class, () -> new SampleTimeline(100, 0));
    }
}
