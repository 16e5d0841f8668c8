package org.opencarboneval.calibration.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of device time: how much work and energy it saw. {@code duration} is the device time actually spent in
 * it, which is less than {@code end - start} when pauses between its pieces were cut out.
 */
record Window(double start, double end, double duration, double work, double energy) {

    /** Mid-point in device time, where the window's throughput is observed. */
    double middle() {
        return (start + end) / 2;
    }

    double throughput() {
        return work / duration;
    }

    /** Energy per device-second. */
    double power() {
        return energy / duration;
    }

    /** The intervals between consecutive observations. */
    static List<Window> intervals(List<ProgressPoint> points) {
        List<Window> intervals = new ArrayList<>(points.size());
        for (int i = 1; i < points.size(); i++) {
            ProgressPoint a = points.get(i - 1);
            ProgressPoint b = points.get(i);
            intervals.add(new Window(a.deviceSeconds(), b.deviceSeconds(), b.deviceSeconds() - a.deviceSeconds(),
                b.work() - a.work(), b.energyJoules() - a.energyJoules()));
        }
        return intervals;
    }

    /**
     * Consecutive intervals merged until each window holds at least {@code minDuration} device-seconds; the most
     * recent remainder is kept as a window of its own when it holds at least half that.
     */
    static List<Window> merged(List<Window> intervals, double minDuration) {
        List<Window> windows = new ArrayList<>();
        Window open = null;
        for (Window next : intervals) {
            open = open == null ? next : new Window(open.start, next.end, open.duration + next.duration,
                open.work + next.work, open.energy + next.energy);
            if (open.duration >= minDuration) {
                windows.add(open);
                open = null;
            }
        }
        if (open != null && open.duration >= minDuration / 2) {
            windows.add(open);
        }
        return windows;
    }
}
