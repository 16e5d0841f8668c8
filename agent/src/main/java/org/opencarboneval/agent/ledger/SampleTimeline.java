package org.opencarboneval.agent.ledger;

import java.util.stream.IntStream;

/**
 * A run's power and throughput over its time, for a chart: the samples, streamed in order, are averaged into at most
 * {@code spans} equal spans of the run (energy over time, steps over time), so memory does not grow with the ledger.
 * A span that no sample interval ends in has no point: a run with fewer samples than spans keeps them all.
 */
public final class SampleTimeline {

    private final double spanSeconds;
    private final double[] seconds;
    private final double[] joules;
    private final double[] steps;
    /** Per span, the sum of each interval's middle times its length: where in time the span's data sits. */
    private final double[] weightedMiddles;
    private LedgerSample previous;

    /** @param endSeconds the run's elapsed time at its last sample, which ends the last span */
    public SampleTimeline(double endSeconds, int spans) {
        if (spans < 1) {
            throw new IllegalArgumentException("a timeline needs at least one span, got " + spans);
        }
        this.spanSeconds = Math.max(endSeconds, 1e-9) / spans;
        this.seconds = new double[spans];
        this.joules = new double[spans];
        this.steps = new double[spans];
        this.weightedMiddles = new double[spans];
    }

    /**
     * The next sample of the run. Its interval since the one before counts in the span it ends in; an interval that
     * does not move forward in time (a restart's first sample repeats the last one's time) counts nowhere.
     */
    public void add(LedgerSample sample) {
        LedgerSample before = previous;
        previous = sample;
        if (before == null) {
            return;
        }
        double dt = sample.elapsedSeconds() - before.elapsedSeconds();
        if (!(dt > 0)) {
            return;
        }
        int span = (int) Math.min(seconds.length - 1, Math.max(0, Math.floor(sample.elapsedSeconds() / spanSeconds
            - 1e-9)));
        seconds[span] += dt;
        joules[span] += Math.max(0, sample.energyJoules().total() - before.energyJoules().total());
        steps[span] += Math.max(0, sample.stepsTrained() - before.stepsTrained()); // the pace of work, redone included
        weightedMiddles[span] += (sample.elapsedSeconds() - dt / 2) * dt;
    }

    /** For each span with data, the middle of the time its intervals cover, in seconds of the run. */
    public double[] times() {
        return IntStream.range(0, seconds.length).filter(i -> seconds[i] > 0)
            .mapToDouble(i -> weightedMiddles[i] / seconds[i]).toArray();
    }

    /** For each span with data, its average power, all components, before PUE. */
    public double[] powerWatts() {
        return per(joules);
    }

    /** For each span with data, its average throughput. */
    public double[] stepsPerSecond() {
        return per(steps);
    }

    private double[] per(double[] amounts) {
        return IntStream.range(0, seconds.length).filter(i -> seconds[i] > 0)
            .mapToDouble(i -> amounts[i] / seconds[i]).toArray();
    }
}
