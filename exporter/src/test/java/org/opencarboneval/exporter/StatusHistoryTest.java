package org.opencarboneval.exporter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusHistoryTest {

    private static RunView at(double seconds) {
        return TestRuns.later(TestRuns.base(), seconds, seconds * 10);
    }

    @Test
    void skipsTheSameSnapshotSeenTwice() {
        StatusHistory history = new StatusHistory(8);
        history.add(at(1));
        history.add(at(1));
        history.add(at(2));
        assertEquals(2, history.points().elapsedSeconds().length);
    }

    @Test
    void staysBoundedAndSpreadOverTheWholeRun() {
        StatusHistory history = new StatusHistory(8);
        for (int second = 0; second < 100; second++) {
            history.add(at(second));
        }
        double[] times = history.points().elapsedSeconds();
        double start = TestRuns.base().elapsedSeconds();
        assertEquals(start, times[0], 0.0, "the run's start stays");
        assertEquals(start + 96, times[times.length - 1], 0.0, "the latest kept point is recent");
        assertEquals(7, times.length);
        for (int i = 1; i < times.length; i++) {
            assertEquals(16, times[i] - times[i - 1], 0.0, "evenly spaced");
        }
        assertArrayEquals(new double[] {0, 160, 320, 480, 640, 800, 960}, history.points().powerWatts(), 0.0);
    }
}
