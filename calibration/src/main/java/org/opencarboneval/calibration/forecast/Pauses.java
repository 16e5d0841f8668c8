package org.opencarboneval.calibration.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The intervals in which the job barely progressed (evaluation passes, checkpoints, data reloads), told apart from
 * training, and the share of device time they take.
 *
 * <p>Time without progress before the first training interval is start-up (model building, data loading), not a
 * pause that will recur: it is left out. Pauses usually recur once per epoch, so the share is measured over whole
 * cycles: up to the end of the last pause, as long as another pause is due (the job is less than one and a half
 * typical spacings past it). Measured up to "now" instead, a forecast made just before an evaluation pass would miss
 * it.
 */
record Pauses(List<Window> training, double typicalThroughput, double fraction, Optional<PowerEstimate> power) {

    /** An interval below this share of the typical throughput is a pause. */
    static final double THRESHOLD = 0.25;

    static Pauses of(List<Window> intervals, Recency recency) {
        double typical = weightedMedianThroughput(intervals, recency);
        List<Window> running = intervals.subList(firstTraining(intervals, typical), intervals.size());
        List<Window> training = new ArrayList<>();
        List<Window> pauses = new ArrayList<>();
        for (Window w : running) {
            (w.throughput() < THRESHOLD * typical ? pauses : training).add(w);
        }
        return new Pauses(training, typical, fraction(running, pauses, recency), PowerEstimate.of(pauses, recency));
    }

    private static int firstTraining(List<Window> intervals, double typical) {
        for (int i = 0; i < intervals.size(); i++) {
            if (intervals.get(i).throughput() >= THRESHOLD * typical) {
                return i;
            }
        }
        return intervals.size();
    }

    private static double fraction(List<Window> running, List<Window> pauses, Recency recency) {
        if (pauses.isEmpty()) {
            return 0;
        }
        double horizon = cycleEnd(running, pauses, recency.now());
        double paused = 0;
        double all = 0;
        for (Window w : running) {
            if (w.end() <= horizon) {
                double weight = recency.weight(w);
                all += weight;
                paused += pauses.contains(w) ? weight : 0;
            }
        }
        return all > 0 ? paused / all : 0;
    }

    /** The end of the last pause while pauses still recur, else now. */
    private static double cycleEnd(List<Window> running, List<Window> pauses, double now) {
        List<Double> pauseEnds = new ArrayList<>();
        Window previous = null;
        for (Window pause : pauses) {
            if (previous != null && previous.end() == pause.start()) {
                pauseEnds.set(pauseEnds.size() - 1, pause.end());
            } else {
                pauseEnds.add(pause.end());
            }
            previous = pause;
        }
        if (pauseEnds.size() < 2) {
            return now;
        }
        double last = pauseEnds.get(pauseEnds.size() - 1);
        double spacing = (last - pauseEnds.get(0)) / (pauseEnds.size() - 1);
        return now - last <= 1.5 * spacing ? last : now;
    }

    /** The recency-weighted median throughput of the intervals that made progress: what "training" looks like. */
    private static double weightedMedianThroughput(List<Window> windows, Recency recency) {
        List<double[]> byThroughput = new ArrayList<>();
        double total = 0;
        for (Window w : windows) {
            if (w.work() <= 0) {
                continue;
            }
            double weight = recency.weight(w);
            byThroughput.add(new double[] {w.throughput(), weight});
            total += weight;
        }
        byThroughput.sort((x, y) -> Double.compare(x[0], y[0]));
        double cumulative = 0;
        for (double[] entry : byThroughput) {
            cumulative += entry[1];
            if (cumulative >= total / 2) {
                return entry[0];
            }
        }
        return 0;
    }
}
