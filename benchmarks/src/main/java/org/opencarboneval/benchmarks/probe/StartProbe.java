package org.opencarboneval.benchmarks.probe;

import java.time.Instant;

/** A main that does nothing but say when it was entered (wall clock, ns since the epoch), to time JVM start-up. */
public final class StartProbe {

    private StartProbe() {
    }

    public static void main(String[] args) {
        Instant now = Instant.now();
        System.out.println("probe main_entered_epoch_ns " + (now.getEpochSecond() * 1_000_000_000L + now.getNano()));
    }
}
