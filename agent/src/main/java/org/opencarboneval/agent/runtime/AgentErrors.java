package org.opencarboneval.agent.runtime;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The agent's failures that it survives (a sensor read, a ledger write, a forecast, a whole sampling tick), counted
 * per kind for {@code oce_agent_errors_total{kind}}. The first failure of each kind is said in one line; later ones
 * only count, so a sensor failing every second cannot flood the training job's stderr.
 */
public final class AgentErrors {

    /** What failed; the metric's {@code kind} label is the lower-case name. */
    public enum Kind {
        GPU_READ, HOST_READ, LEDGER_WRITE, FORECAST, TICK, JFR_EVENT, OTLP_PUSH, INTENSITY;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Kind, AtomicLong> counts = new EnumMap<>(Kind.class);
    private final Consumer<String> warnings;

    public AgentErrors(Consumer<String> warnings) {
        this.warnings = warnings;
        for (Kind kind : Kind.values()) {
            counts.put(kind, new AtomicLong());
        }
    }

    /** Counts one failure; the first of its kind is said, as {@code what} (one line, naming what failed and why). */
    public void count(Kind kind, String what) {
        if (counts.get(kind).getAndIncrement() == 0) {
            warnings.accept(what + " (counted in oce_agent_errors_total{kind=\"" + kind.label()
                + "\"}; further failures of this kind are only counted)");
        }
    }

    public void count(Kind kind, Throwable failure) {
        count(kind, kind.label().replace('_', ' ') + " failed: " + failure);
    }

    /** Every kind with its count so far, zeros included, in declaration order: the metric's series. */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        counts.forEach((kind, count) -> snapshot.put(kind.label(), count.get()));
        return snapshot;
    }
}
