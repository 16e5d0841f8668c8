package org.opencarboneval.calibration.forecast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The intervals in which the job barely progressed (evaluation passes, checkpoints, data reloads), told apart from
 * training, and the share of device time they take.
 *
 * <p>Time without progress before the first training interval is start-up (model building, data loading), not a
 * pause that will recur: it is left out. The share is measured over the current regime only (from a given start),
 * since a slow stretch before a step in speed is history, not a pause. Pauses usually recur once per epoch, so once
 * two have been seen the share is measured over whole cycles: up to the end of the last pause, as long as another is
 * due (the job is less than one and a half spacings past it). Measured up to "now" instead, a forecast made just
 * before an evaluation pass would miss it. A single pause may be a one-off and is measured up to now.
 */
final class Pauses {

    /** An interval below this share of the typical throughput is a pause. */
    static final double THRESHOLD = 0.25;
    /** Intervals of progress that show a regime under way; a step is located only to within a few. */
    static final int SETTLED_AFTER = Regime.MIN_SIDE;

    private final List<Window> running;
    private final List<Window> training = new ArrayList<>();
    private final Set<Window> pauses = Collections.newSetFromMap(new IdentityHashMap<>());
    private final double typicalThroughput;
    private final Recency recency;

    Pauses(List<Window> intervals, Recency recency) {
        this.recency = recency;
        this.typicalThroughput = weightedMedianThroughput(intervals, recency);
        this.running = intervals.subList(firstTraining(intervals, typicalThroughput), intervals.size());
        for (Window w : running) {
            if (w.throughput() < THRESHOLD * typicalThroughput) {
                pauses.add(w);
            } else {
                training.add(w);
            }
        }
    }

    List<Window> training() {
        return training;
    }

    double typicalThroughput() {
        return typicalThroughput;
    }

    /**
     * The recency-weighted share of device time paused since {@code start}, over whole cycles where they show. Each
     * window carries the recency of its cycle, not its own: a pause closes its cycle, and weighted by its own
     * recency it would count above its share (a 20% share would read 23% at 50 s cycles in a 400 s history).
     */
    double fraction(double start) {
        double settled = settled(start);
        List<Window> since = since(running, settled);
        List<Window> paused = since(pausesInOrder(), settled);
        if (paused.isEmpty()) {
            return 0;
        }
        List<Double> cycleEnds = pauseEnds(paused);
        double horizon = cycleEnd(cycleEnds, recency.now());
        if (horizon == recency.now()) {
            cycleEnds.add(horizon);
        }
        double pausedWeight = 0;
        double allWeight = 0;
        int cycle = 0;
        double cycleStart = settled;
        for (Window w : since) {
            if (w.end() > horizon) {
                break;
            }
            while (w.end() > cycleEnds.get(cycle)) {
                cycleStart = cycleEnds.get(cycle++);
            }
            double weight = recency.factorAt((cycleStart + cycleEnds.get(cycle)) / 2) * w.duration();
            allWeight += weight;
            pausedWeight += pauses.contains(w) ? weight : 0;
        }
        return allWeight > 0 ? pausedWeight / allWeight : 0;
    }

    /** Power while paused since {@code start}, if the job paused. */
    OptionalDouble power(double start) {
        return PowerEstimate.of(since(pausesInOrder(), settled(start)), recency);
    }

    /**
     * Where the regime from {@code start} has made progress in {@value #SETTLED_AFTER} intervals: a pause before is
     * the set-up of the step that began it (a new data pipeline, a reloaded model), not one that recurs.
     */
    private double settled(double start) {
        List<Window> trained = since(training, start);
        return trained.isEmpty() ? start : trained.get(Math.min(SETTLED_AFTER, trained.size()) - 1).start();
    }

    private List<Window> pausesInOrder() {
        return running.stream().filter(pauses::contains).toList();
    }

    private static List<Window> since(List<Window> windows, double start) {
        return windows.stream().filter(w -> w.start() >= start).toList();
    }

    private static int firstTraining(List<Window> intervals, double typical) {
        for (int i = 0; i < intervals.size(); i++) {
            if (intervals.get(i).throughput() >= THRESHOLD * typical) {
                return i;
            }
        }
        return intervals.size();
    }

    /** Where each run of consecutive pause intervals ends. */
    private static List<Double> pauseEnds(List<Window> pausesInOrder) {
        List<Double> ends = new ArrayList<>();
        Window previous = null;
        for (Window pause : pausesInOrder) {
            if (previous != null && previous.end() == pause.start()) {
                ends.set(ends.size() - 1, pause.end());
            } else {
                ends.add(pause.end());
            }
            previous = pause;
        }
        return ends;
    }

    /** The end of the last pause once two or more have shown a period and another is due, else now. */
    private static double cycleEnd(List<Double> pauseEnds, double now) {
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
