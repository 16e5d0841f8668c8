package org.opencarboneval.agent.runtime;

import java.time.Duration;
import java.util.function.DoubleUnaryOperator;

/**
 * Which samples go to the ledger ({@code ledger.interval}): one per spacing, every sample where an epoch ended, so
 * that a replay still sees each epoch's boundary where it was, and every one whose steps went back (a job restored
 * from its checkpoint), so that a replay sees the restore. Records are cumulative, so a sample left out loses no
 * energy, only resolution.
 *
 * <p>By default ({@link #growing()}) the spacing grows with the run: every sample while it is young, then one per
 * {@value #GROWING_SHARE} of the time it has run, and one a minute at most ({@value #GROWING_MOST_SECONDS} s). The
 * ledger then keeps the same relative resolution at any age, which is what a forecast replayed from it uses (its
 * own history is coarser the older it is), and its size grows with the logarithm of the run's length: a two-week
 * run sampled every second writes about 60 thousand samples instead of 1.2 million. A fixed spacing ({@link #every})
 * writes one per interval, 20 thousand for two weeks at 60 s.
 *
 * <p>While the ledger's file refuses writes, the samples that wait in memory for it are one per
 * {@value #WHILE_REFUSED_SECONDS} seconds at most (and each epoch's end, each restore), so that a disk full for days
 * still fits in what the ledger keeps waiting.
 */
final class LedgerThinning {

    static final double GROWING_SHARE = 1e-4;
    static final double GROWING_MOST_SECONDS = 60;
    static final double WHILE_REFUSED_SECONDS = 600;

    /** The seconds between written samples at an elapsed time. */
    private final DoubleUnaryOperator spacing;
    private double lastWrittenSeconds;
    private long lastWrittenSteps;
    private long lastWrittenEpochs = -1;
    private boolean leftOut;
    /** For the sample {@link #write} wrote last: the seconds since the one before, where samples were left out. */
    private double gapSeconds;

    private LedgerThinning(DoubleUnaryOperator spacing) {
        this.spacing = spacing;
    }

    /** One sample per {@code every}; zero writes every sample. */
    static LedgerThinning every(Duration every) {
        double seconds = every.toNanos() / 1e9;
        return new LedgerThinning(elapsed -> seconds);
    }

    /** A spacing that grows with the time the run has run (the default, {@code ledger.interval=auto}). */
    static LedgerThinning growing() {
        return new LedgerThinning(elapsed -> Math.min(GROWING_SHARE * elapsed, GROWING_MOST_SECONDS));
    }

    /**
     * Whether the sample at {@code elapsedSeconds}, with {@code steps} and {@code epochs} done, is written; notes it
     * if so. Judged on the time the sample records, so that the spacing in the ledger is the interval whatever the
     * sampling took. {@code fileRefusing}: the ledger's file refuses writes, so the sample would wait in memory.
     */
    boolean write(double elapsedSeconds, long steps, long epochs, boolean fileRefusing) {
        double every = spacing.applyAsDouble(elapsedSeconds);
        if (fileRefusing) {
            every = Math.max(every, WHILE_REFUSED_SECONDS);
        }
        if (lastWrittenEpochs >= 0 && epochs == lastWrittenEpochs && steps >= lastWrittenSteps
                && elapsedSeconds - lastWrittenSeconds < every) {
            leftOut = true;
            return false;
        }
        gapSeconds = leftOut ? elapsedSeconds - lastWrittenSeconds : 0;
        written(elapsedSeconds, steps, epochs);
        return true;
    }

    /** Notes a sample written whatever the spacing (the one a file taking writes again is given at once). */
    void written(double elapsedSeconds, long steps, long epochs) {
        leftOut = false;
        lastWrittenSeconds = elapsedSeconds;
        lastWrittenSteps = steps;
        lastWrittenEpochs = epochs;
    }

    /**
     * Whether samples were left out before the one written last, over at least {@code flushInterval}: it then goes to
     * the file at once, so that a kill loses no more than the spacing. Over a shorter gap, or none, the ledger's own
     * flushes (every {@code ledger.flush}) lose no more, and syncing each sample would only sync more often.
     */
    boolean writtenAfterAGapOf(Duration flushInterval) {
        return gapSeconds > 0 && gapSeconds >= flushInterval.toNanos() / 1e9;
    }
}
