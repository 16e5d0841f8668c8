package org.opencarboneval.agent.runtime;

import java.util.ArrayDeque;

/**
 * Steps per second over the last few samples, so the console shows the current pace rather than the run's mean. A
 * count that goes back (a job restored from its checkpoint) starts the window afresh: the pace is never negative.
 */
final class Throughput {

    private static final int WINDOW = 10;

    private final ArrayDeque<double[]> points = new ArrayDeque<>();

    double add(double seconds, long steps) {
        if (!points.isEmpty() && steps < points.peekLast()[1]) {
            points.clear();
        }
        points.addLast(new double[] {seconds, steps});
        if (points.size() > WINDOW) {
            points.removeFirst();
        }
        double[] first = points.peekFirst();
        double span = seconds - first[0];
        return span > 0 ? (steps - first[1]) / span : 0;
    }
}
