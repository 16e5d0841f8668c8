package org.opencarboneval.exporter;

/**
 * The one run view that {@code /metrics} and {@code /status.json} both read, replaced whole once a second, so the two
 * show the same numbers between refreshes.
 *
 * <p>Micrometer holds a gauge's or function counter's state object only weakly; this holder is that state object.
 * It stays strongly reachable through the refresher (owned by the live tick thread) and the status handler (owned by
 * the HTTP server), so meters never read NaN after a garbage collection.
 */
final class LatestView {

    private volatile RunView current;

    /** The latest view, or null before the run's first one. */
    RunView current() {
        return current;
    }

    void set(RunView view) {
        current = view;
    }
}
