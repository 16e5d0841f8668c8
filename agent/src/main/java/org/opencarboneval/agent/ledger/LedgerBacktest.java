package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.opencarboneval.calibration.forecast.Backtest;
import org.opencarboneval.calibration.forecast.BacktestSummary;

/**
 * Finished runs' ledgers replayed through the live forecast and its baselines: one run, one job's ranks, or a directory
 * of runs.
 */
public final class LedgerBacktest {

    private LedgerBacktest() {
    }

    /** Replays the run as the agent saw it, streaming the ledger a second time: memory does not grow with it. */
    public static List<Backtest.Checkpoint> replay(LedgerRun run, double[] shares, OptionalDouble apriori)
            throws IOException {
        return replay(run, shares, apriori, sample -> { });
    }

    /** As above, handing each sample to {@code alsoEach} too, in the same pass (e.g. a timeline to draw). */
    public static List<Backtest.Checkpoint> replay(LedgerRun run, double[] shares, OptionalDouble apriori,
            Consumer<LedgerSample> alsoEach) throws IOException {
        Backtest backtest = new Backtest(run.last().progressPoint(), shares, Optional.empty(), apriori);
        run.forEachSample(sample -> {
            backtest.observe(sample.progressPoint());
            alsoEach.accept(sample);
        });
        return backtest.checkpoints();
    }

    /** Replays a distributed job as one run, its ranks' samples merged as {@link JobRun} does, streamed. */
    public static List<Backtest.Checkpoint> replay(JobRun job, double[] shares, OptionalDouble apriori)
            throws IOException {
        Backtest backtest = new Backtest(job.end(), shares, Optional.empty(), apriori);
        job.forEachPoint(backtest::observe);
        return backtest.checkpoints();
    }

    /**
     * Every run in the directory's ledgers ({@code .jsonl}, {@code .jsonl.gz}), the last of each file, replayed and
     * summed up; a run without training steps is passed to {@code skipped} by name.
     */
    public static BacktestSummary corpus(Path directory, double[] shares, Consumer<String> skipped)
            throws IOException {
        List<Path> ledgers;
        try (Stream<Path> files = Files.list(directory)) {
            ledgers = files.filter(f -> f.getFileName().toString().matches(".*\\.jsonl(\\.gz)?")).sorted().toList();
        }
        if (ledgers.isEmpty()) {
            throw new IOException("the directory '" + directory + "' holds no .jsonl or .jsonl.gz ledger");
        }
        BacktestSummary summary = new BacktestSummary(shares);
        for (Path ledger : ledgers) {
            LedgerRun run = LedgerRun.read(ledger, Optional.empty());
            if (run.last().steps() <= 0) {
                skipped.accept("'" + ledger + "': its run recorded no training steps");
                continue;
            }
            summary.add(replay(run, shares, OptionalDouble.empty()));
        }
        return summary;
    }
}
