package org.opencarboneval.agent.runtime;

import java.util.ArrayDeque;

/** Steps per second over the last few samples, so the console shows the current pace rather than the run's mean. */
final class Throughput {

    private static final int WINDOW = 10;

    private final ArrayDeque<double[]> points = new ArrayDeque<>();

    double add(double seconds, long steps) {
        points.addLast(new double[] {seconds, steps});
        if (points.size() > WINDOW) {
            points.removeFirst();
        }
        double[] first = points.peekFirst();
        double span = seconds - first[0];
        return span > 0 ? (steps - first[1]) / span : 0;
    }
}
