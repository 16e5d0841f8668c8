package org.opencarboneval.benchmarks.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.ledger.LedgerBacktest;
import org.opencarboneval.agent.ledger.LedgerRun;
import org.opencarboneval.calibration.Range;
import org.opencarboneval.calibration.forecast.Backtest;

/**
 * A simulated two-week, eight-GPU run sampled every second (1.2 million samples): replayed from its ledger, the live
 * forecast stands at 20, 50, 80 and 95% of the run, is within 3% of the final total from half-way on, and its band
 * is narrower than a factor of 1.25 at 80%; and {@code report} replays the ledger in a JVM limited to 256 MB.
 */
class TwoWeekRunTest {

    @Test
    void aTwoWeekLedgerIsForecastThroughoutAndReportedInBoundedMemory(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path ledger = dir.resolve("two-weeks.jsonl");
        SimulatedCorpus.writeOne(ledger, 7, 14, 1);
        LedgerRun run = LedgerRun.read(ledger, Optional.empty());
        assertTrue(run.sampleCount() > 1_000_000, run.sampleCount() + " samples");
        List<Backtest.Checkpoint> checkpoints = LedgerBacktest.replay(run, new double[] {0.2, 0.5, 0.8, 0.95},
            OptionalDouble.empty());
        assertEquals(4, checkpoints.size());
        for (Backtest.Checkpoint c : checkpoints) {
            assertTrue(c.live().isPresent(), "a forecast at " + c.progress());
            if (c.progress() >= 0.5) {
                assertTrue(Math.abs(c.liveError().orElseThrow()) <= 0.03, "within 3% at " + c.progress() + ": " + c);
            }
        }
        Range at80 = checkpoints.get(2).live().orElseThrow();
        assertTrue(at80.high() / at80.low() < 1.25, "band at 80%: " + at80);

        Process report = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-jar", Path.of("../agent/target/opencarboneval-agent.jar").toString(), "report",
            ledger.toString()).redirectErrorStream(true).start();
        String out = new String(report.getInputStream().readAllBytes());
        assertTrue(report.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, report.exitValue(), out);
        assertTrue(out.contains("interval held at "), out);
    }
}
