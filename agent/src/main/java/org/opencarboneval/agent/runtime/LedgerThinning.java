package org.opencarboneval.agent.runtime;

import java.time.Duration;

/**
 * Which samples go to the ledger when {@code ledger.interval} is longer than the sampling interval: one per interval,
 * every sample where an epoch ended, so that a replay still sees each epoch's boundary where it was, and every one
 * whose steps went back (a job restored from its checkpoint), so that a replay sees the restore. Records are
 * cumulative, so a sample left out loses no energy, only resolution: a two-week run sampled every second writes
 * 20 thousand lines at {@code ledger.interval=60} instead of 1.2 million. Each written sample is flushed at once, so
 * that a kill loses no more than the interval. While the ledger's file refuses writes, the samples that wait in memory
 * for it are one per {@value #WHILE_REFUSED_SECONDS} seconds at most (and each epoch's end, each restore), so that a
 * disk full for days still fits in what the ledger keeps waiting.
 */
final class LedgerThinning {

    static final double WHILE_REFUSED_SECONDS = 600;

    private final double everySeconds;
    private double lastWrittenSeconds;
    private long lastWrittenSteps;
    private long lastWrittenEpochs = -1;

    /** {@code every} zero writes every sample. */
    LedgerThinning(Duration every) {
        this.everySeconds = every.toNanos() / 1e9;
    }

    /** Whether samples are left out at all. */
    boolean thins() {
        return everySeconds > 0;
    }

    /**
     * Whether the sample at {@code elapsedSeconds}, with {@code steps} and {@code epochs} done, is written; notes it
     * if so. Judged on the time the sample records, so that the spacing in the ledger is the interval whatever the
     * sampling took. {@code fileRefusing}: the ledger's file refuses writes, so the sample would wait in memory.
     */
    boolean write(double elapsedSeconds, long steps, long epochs, boolean fileRefusing) {
        double spacing = fileRefusing ? Math.max(everySeconds, WHILE_REFUSED_SECONDS) : everySeconds;
        if (spacing > 0 && lastWrittenEpochs >= 0 && epochs == lastWrittenEpochs && steps >= lastWrittenSteps
                && elapsedSeconds - lastWrittenSeconds < spacing) {
            return false;
        }
        lastWrittenSeconds = elapsedSeconds;
        lastWrittenSteps = steps;
        lastWrittenEpochs = epochs;
        return true;
    }
}
