package org.opencarboneval.agent.runtime;

import java.util.Optional;
import java.util.function.Consumer;

import org.opencarboneval.agent.thread.ThreadPlace;

/**
 * Says once where the agent's background start is when it has not finished in time. A sensor or file system that
 * hangs there (a wedged GPU driver, a stale network mount under the ledger) would otherwise leave the run without
 * metrics or ledger, and without a word.
 */
final class StartWatch {

    private StartWatch() {
    }

    /** Watches {@code start} on a daemon thread: one line to {@code warnings} if it still runs after the patience. */
    static void watch(Thread start, long patienceMillis, Consumer<String> warnings) {
        Thread watch = new Thread(() -> stillStartingAfter(start, patienceMillis).ifPresent(place -> warnings.accept(
            "the agent has been starting for " + patienceMillis / 1000 + " s, now in " + place + "; the training "
                + "runs on, and sampling, the ledger and the metrics begin when the start is done")),
            "opencarboneval-start-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Waits up to {@code millis} for the start to end: where it is if it still runs, else empty. */
    static Optional<String> stillStartingAfter(Thread start, long millis) {
        try {
            start.join(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return start.isAlive() ? Optional.of(ThreadPlace.of(start)) : Optional.empty();
    }
}
