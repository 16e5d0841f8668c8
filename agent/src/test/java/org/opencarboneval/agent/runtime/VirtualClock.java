package org.opencarboneval.agent.runtime;

import java.time.Duration;
import java.time.Instant;

/** Both clocks moved by hand: time passing moves both, an NTP step moves only the wall clock. */
final class VirtualClock implements AgentClock {

    private long nanos = -5_000_000_000L; // System.nanoTime's origin is arbitrary, negative values included
    private Instant wall = Instant.parse("2026-03-01T00:00:00Z");

    void advance(Duration elapsed) {
        nanos += elapsed.toNanos();
        wall = wall.plus(elapsed);
    }

    void stepWallClock(Duration step) {
        wall = wall.plus(step);
    }

    @Override
    public long monotonicNanos() {
        return nanos;
    }

    @Override
    public Instant wallTime() {
        return wall;
    }
}
