package org.opencarboneval.calibration.forecast;

import java.util.List;

/**
 * A run's cumulative observations in bounded memory ({@link Ladder}): a two-week run sampled every second keeps about
 * a thousand points. The start of training and the first epoch's end are kept exactly, and the epoch boundaries in a
 * ladder of their own.
 *
 * <p>A job restored from its checkpoint goes back in work and does the steps since again. The history runs on
 * instead: later observations are kept {@link #workOffset} further on, the work redone, so that the time and energy
 * the crash cost show as a pause where it happened and what the run's steps cost stays known. The run's total work is
 * then that much further on too.
 */
final class History {

    private final Ladder points = new Ladder();
    private final Ladder epochEnds = new Ladder();
    private ProgressPoint last;
    private ProgressPoint trainingStart;
    private int sinceTrainingStart;
    private double workOffset;

    /**
     * Adds a cumulative observation; one that goes back in time is ignored, one that goes back in work (a job
     * restored from its checkpoint) moves the offset on by the work to be redone.
     */
    void add(ProgressPoint observed) {
        if (last != null && observed.deviceSeconds() <= last.deviceSeconds()) {
            return;
        }
        if (last != null && observed.work() + workOffset < last.work()) {
            workOffset = last.work() - observed.work();
        }
        ProgressPoint point = workOffset == 0 ? observed : new ProgressPoint(observed.deviceSeconds(),
            observed.work() + workOffset, observed.energyJoules(), observed.epochs());
        if (point.work() > 0 && trainingStart == null) {
            // Observed from a run already under way (attached late, or resumed): its past cost is not known.
            trainingStart = last == null ? point : last;
        }
        if (last != null && point.epochs() > last.epochs() && point.work() > 0) {
            epochEnds.add(point);
        }
        if (trainingStart != null && trainingStart != point && sinceTrainingStart < Integer.MAX_VALUE) {
            sinceTrainingStart++;
        }
        last = point;
        points.add(point);
    }

    /** The work redone after restores from checkpoints so far: kept points are this far on from the run's count. */
    double workOffset() {
        return workOffset;
    }

    boolean isEmpty() {
        return last == null;
    }

    ProgressPoint last() {
        return last;
    }

    /** The point just before the first progress: what came before it was start-up, which does not recur. */
    ProgressPoint trainingStart() {
        return trainingStart;
    }

    /** Observations since training began, saturating at {@link Integer#MAX_VALUE}. */
    int observedSinceTrainingStart() {
        return sinceTrainingStart;
    }

    /** Where the first epoch was seen complete (its ladder keeps its oldest point); null until it is. */
    ProgressPoint firstEpochEnd() {
        List<ProgressPoint> ends = epochEnds.points();
        return ends.isEmpty() ? null : ends.get(0);
    }

    /** Where the latest epoch was seen complete; null until one is. */
    ProgressPoint lastEpochEnd() {
        List<ProgressPoint> ends = epochEnds.points();
        return ends.isEmpty() ? null : ends.get(ends.size() - 1);
    }

    /** Every kept point, oldest first. */
    List<ProgressPoint> points() {
        return points.points();
    }

    /** The newest points, at full resolution. */
    List<ProgressPoint> recent() {
        return points.newest();
    }

    /** The first epoch boundary seen at or after {@code work}; null when none is. */
    ProgressPoint epochEndFrom(double work) {
        for (ProgressPoint end : epochEnds.points()) {
            if (end.work() >= work) {
                return end;
            }
        }
        return null;
    }

    /** The first kept point at or after {@code deviceSeconds}; the last point when none is. */
    ProgressPoint atOrAfter(double deviceSeconds) {
        for (ProgressPoint point : points.points()) {
            if (point.deviceSeconds() >= deviceSeconds) {
                return point;
            }
        }
        return last;
    }

    /**
     * The cumulative point where the work reached {@code work}, interpolated between the kept points around it; the
     * first point when the work was never below it.
     */
    ProgressPoint atWork(double work) {
        List<ProgressPoint> all = points.points();
        int low = 0;
        int high = all.size() - 1;
        if (work <= all.get(0).work()) {
            return all.get(0);
        }
        if (work >= all.get(high).work()) {
            return all.get(high);
        }
        while (high - low > 1) {
            int middle = (low + high) >>> 1;
            if (all.get(middle).work() < work) {
                low = middle;
            } else {
                high = middle;
            }
        }
        ProgressPoint a = all.get(low);
        ProgressPoint b = all.get(high);
        double share = (work - a.work()) / (b.work() - a.work());
        return new ProgressPoint(a.deviceSeconds() + share * (b.deviceSeconds() - a.deviceSeconds()), work,
            a.energyJoules() + share * (b.energyJoules() - a.energyJoules()), a.epochs());
    }
}
