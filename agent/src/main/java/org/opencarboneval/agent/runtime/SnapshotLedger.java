package org.opencarboneval.agent.runtime;

import java.time.Duration;

import org.opencarboneval.agent.ledger.LedgerRecord;
import org.opencarboneval.agent.ledger.RunLedger;

/**
 * The sampling loop's side of the ledger: writes its snapshots as sample records, thinned by {@code ledger.interval},
 * and knows the latest snapshot wholly in the file (synced to the disk). That one is where a restart after a kill or
 * a machine crash resumes, so the exported counters are read from it: were they ahead of the file, the restarted
 * run's counters would come back lower, and Prometheus takes any decrease for a reset and adds the whole total again.
 * Synchronized, as the exit's last records may overlap a tick that outlived its wait.
 */
final class SnapshotLedger {

    private final RunLedger ledger;
    private LedgerThinning thinning = new LedgerThinning(Duration.ZERO);
    private RunSnapshot appended;
    private volatile RunSnapshot onFile;

    SnapshotLedger(RunLedger ledger) {
        this.ledger = ledger;
    }

    /** Writes a sample every {@code every} (and at each epoch's end) instead of every one; before the first. */
    synchronized void thin(Duration every) {
        thinning = new LedgerThinning(every);
    }

    /** The start record and the first sample, on file at once. */
    synchronized void begin(String startRecord, RunSnapshot first) {
        ledger.append(startRecord);
        appendIfKept(first);
        ledger.flush();
        settle();
    }

    /** A sample, if thinning keeps it (then on file at once), and the flush if {@code ledger.flush} has passed. */
    synchronized void sample(RunSnapshot snapshot, long monotonicNanos) {
        if (appendIfKept(snapshot) && thinning.thins()) {
            ledger.flush();
        }
        ledger.flushIfDue(monotonicNanos);
        settle();
    }

    /** The last sample and the end record, then the file is closed. */
    synchronized void end(RunSnapshot last) {
        appendSample(last);
        ledger.append(LedgerRecord.end(last));
        ledger.close();
        settle();
    }

    /**
     * The snapshot to read counters from: the latest one on file, or {@code latest} once the ledger failed (the file
     * stopped following the run, and counters that stood still would say the run did); null before the first.
     */
    RunSnapshot countersOf(RunSnapshot latest) {
        return ledger.failed() ? latest : onFile;
    }

    /** Appends the sample if thinning keeps it; whether it did. */
    private boolean appendIfKept(RunSnapshot snapshot) {
        boolean kept = thinning.write(snapshot.elapsedSeconds(), snapshot.steps(), snapshot.epochs());
        if (kept) {
            appendSample(snapshot);
        }
        return kept;
    }

    private void appendSample(RunSnapshot snapshot) {
        ledger.append(LedgerRecord.sample(snapshot));
        appended = snapshot;
    }

    private void settle() {
        if (ledger.holdsAllAppended()) {
            onFile = appended;
        }
    }
}
