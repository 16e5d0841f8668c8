package org.opencarboneval.agent.runtime;

import java.time.Instant;

/**
 * The agent's two clocks. Every duration, elapsed time and deadline is measured on the monotonic one, which an NTP
 * step or a manual date change does not move; the wall clock only labels records (the ledger's {@code t}).
 */
public interface AgentClock {

    /** The system's clocks: {@link System#nanoTime()} and {@link Instant#now()}. */
    AgentClock SYSTEM = new AgentClock() {
        @Override
        public long monotonicNanos() {
            return System.nanoTime();
        }

        @Override
        public Instant wallTime() {
            return Instant.now();
        }
    };

    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long monotonicNanos();

    Instant wallTime();
}
