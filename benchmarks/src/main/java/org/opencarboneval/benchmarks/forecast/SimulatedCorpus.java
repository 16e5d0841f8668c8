package org.opencarboneval.benchmarks.forecast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes seeded {@link SimulatedRun}s as ledgers into a directory: one to five days each, sampled every minute (the
 * forecast's cost does not depend on the sampling rate; a two-week run at one second is tested on its own).
 */
public final class SimulatedCorpus {

    private SimulatedCorpus() {
    }

    /** Writes {@code runs} ledgers, seeds {@code firstSeed} on, into {@code directory}. */
    public static void write(Path directory, long firstSeed, int runs, int intervalSeconds) throws IOException {
        Files.createDirectories(directory);
        for (long seed = firstSeed; seed < firstSeed + runs; seed++) {
            double days = 1 + 4 * ((seed * 0.618_033_988_75) % 1);
            new SimulatedRun(seed, days).write(directory.resolve("sim-" + seed + ".jsonl"), intervalSeconds);
        }
    }

    /** Writes one run of {@code days} sampled every {@code intervalSeconds} into {@code ledger}. */
    public static void writeOne(Path ledger, long seed, double days, int intervalSeconds) throws IOException {
        new SimulatedRun(seed, days).write(ledger, intervalSeconds);
    }
}
