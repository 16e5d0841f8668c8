package org.opencarboneval.calibration.forecast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Cumulative points at a resolution that coarsens with age: the newest {@value #PER_LEVEL} as added, the
 * {@value #PER_LEVEL} before them at every second point, the next at every fourth, and so on, so n points keep about
 * {@code PER_LEVEL log2(n / PER_LEVEL)}. Dropping a cumulative point only merges the two intervals beside it: nothing
 * is lost but detail, and every stretch is kept at a resolution fine relative to its age. The oldest point is kept.
 */
final class Ladder {

    static final int PER_LEVEL = 64;

    /** Newest level first; each level oldest point first. */
    private final List<ArrayDeque<ProgressPoint>> levels = new ArrayList<>();
    private List<ProgressPoint> ordered;

    void add(ProgressPoint point) {
        ordered = null;
        push(0, point);
    }

    private void push(int level, ProgressPoint point) {
        if (levels.size() == level) {
            levels.add(new ArrayDeque<>(PER_LEVEL + 2));
        }
        ArrayDeque<ProgressPoint> points = levels.get(level);
        points.addLast(point);
        if (points.size() > PER_LEVEL) {
            // The older of the two oldest moves up a level; the other is merged away.
            ProgressPoint kept = points.pollFirst();
            points.pollFirst();
            push(level + 1, kept);
        }
    }

    /** Every kept point, oldest first. */
    List<ProgressPoint> points() {
        if (ordered == null) {
            List<ProgressPoint> all = new ArrayList<>();
            for (int level = levels.size() - 1; level >= 0; level--) {
                all.addAll(levels.get(level));
            }
            ordered = all;
        }
        return ordered;
    }

    /** The newest points, as added. */
    List<ProgressPoint> newest() {
        return levels.isEmpty() ? List.of() : List.copyOf(levels.get(0));
    }
}
