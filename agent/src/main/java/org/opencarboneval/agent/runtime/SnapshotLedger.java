package org.opencarboneval.agent.runtime;

import java.time.Duration;

import org.opencarboneval.agent.ledger.LedgerRecord;
import org.opencarboneval.agent.ledger.RunLedger;

/**
 * The sampling loop's side of the ledger: writes its snapshots as sample records, thinned by {@code ledger.interval},
 * and knows the snapshot the exported counters are read from. That is the latest one wholly in the file (synced to the
 * disk, where syncs succeed), where a restart after a kill or a machine crash resumes: were the counters ahead of the
 * file, the restarted run's would come back lower, and Prometheus takes any decrease for a reset and adds the whole
 * total again. While the file refuses writes, or once the ledger gave up, the file no longer follows the run, and
 * counters that stood still would say the run did: they go on from the latest snapshot, and when the file takes writes
 * again that snapshot is written at once, so that they never step back within the process. Synchronized, as the exit's
 * last records may overlap a tick that outlived its wait.
 */
final class SnapshotLedger {

    private final RunLedger ledger;
    private LedgerThinning thinning = LedgerThinning.every(Duration.ZERO);
    private RunSnapshot appended;
    /** Volatile: the exporter reads it, and must not wait for a flush stalled on a network file system. */
    private volatile RunSnapshot counters;

    SnapshotLedger(RunLedger ledger) {
        this.ledger = ledger;
    }

    /** Writes the samples {@code thinning} keeps instead of every one; before the first. */
    synchronized void thin(LedgerThinning thinning) {
        this.thinning = thinning;
    }

    /** The start record and the first sample, on file at once. */
    synchronized void begin(String startRecord, RunSnapshot first) {
        ledger.append(startRecord);
        appendIfKept(first);
        ledger.flush();
        settle(first);
    }

    /** A sample, if thinning keeps it (then on file at once), and the flush if {@code ledger.flush} has passed. */
    synchronized void sample(RunSnapshot snapshot, long monotonicNanos) {
        boolean wasRefused = ledger.refusingWrites();
        if (appendIfKept(snapshot) && thinning.writtenAfterAGapOf(ledger.flushInterval())) {
            ledger.flush();
        }
        ledger.flushIfDue(monotonicNanos);
        if (wasRefused && !ledger.refusingWrites() && appended != snapshot) {
            appendSample(snapshot); // the counters went on without the file: it holds them again before they follow it
            thinning.written(snapshot.elapsedSeconds(), snapshot.steps(), snapshot.epochs());
            ledger.flush();
        }
        settle(snapshot);
    }

    /** The last sample and the end record, then the file is closed. */
    synchronized void end(RunSnapshot last) {
        appendSample(last);
        ledger.append(LedgerRecord.end(last));
        ledger.close();
        settle(last);
    }

    /** The snapshot to read counters from; null before the first. */
    RunSnapshot counters() {
        return counters;
    }

    /** Appends the sample if thinning keeps it; whether it did. */
    private boolean appendIfKept(RunSnapshot snapshot) {
        boolean kept = thinning.write(snapshot.elapsedSeconds(), snapshot.steps(), snapshot.epochs(),
            ledger.refusingWrites());
        if (kept) {
            appendSample(snapshot);
        }
        return kept;
    }

    private void appendSample(RunSnapshot snapshot) {
        ledger.append(LedgerRecord.sample(snapshot));
        appended = snapshot;
    }

    /** The counters after {@code latest} was recorded: the latest on file, or the latest without one. */
    private void settle(RunSnapshot latest) {
        if (ledger.failed() || ledger.refusingWrites()) {
            counters = latest;
        } else if (ledger.holdsAllAppended()) {
            counters = appended;
        }
    }
}
