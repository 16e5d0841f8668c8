package org.opencarboneval.agent.runtime;

import java.time.Duration;

/**
 * Which samples go to the ledger when {@code ledger.interval} is longer than the sampling interval: one per interval,
 * and every sample where an epoch ended, so that a replay still sees each epoch's boundary where it was. Records are
 * cumulative, so a sample left out loses no energy, only resolution: a two-week run sampled every second writes 20
 * thousand lines an hour less at {@code ledger.interval=60} than at 1.
 */
final class LedgerThinning {

    private final long everyNanos;
    private long lastWrittenNanos;
    private long lastWrittenEpochs = -1;

    /** {@code every} zero writes every sample. */
    LedgerThinning(Duration every) {
        this.everyNanos = every.toNanos();
    }

    /** Whether the sample taken at {@code nanos} (monotonic), with {@code epochs} done, is written; notes it if so. */
    boolean write(long nanos, long epochs) {
        if (everyNanos > 0 && lastWrittenEpochs >= 0 && epochs == lastWrittenEpochs
                && nanos - lastWrittenNanos < everyNanos) {
            return false;
        }
        lastWrittenNanos = nanos;
        lastWrittenEpochs = epochs;
        return true;
    }
}
