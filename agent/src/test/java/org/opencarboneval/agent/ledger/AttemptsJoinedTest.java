package org.opencarboneval.agent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.runtime.Components;

/**
 * A run requeued three times: an attempt that resumed, then one that could not read the ledger at its start and
 * counted from zero again. Its totals are all three attempts', and its course goes on across them.
 */
class AttemptsJoinedTest {

    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();

    @Test
    void anAttemptThatBeganAgainFromZeroIsAddedToTheOnesBefore() throws IOException {
        attempt(false, 0, 0, 0, 10);      // the first: 100 s, 10 kJ, steps 0 to 1000
        attempt(true, 100, 10_000, 1000, 10); // resumed: on to 200 s, 20 kJ, 2000 steps
        lines.add("{\"type\":\"sample\",\"run_id\":\"other\",\"seq\":1,\"elapsed_s\":5,\"steps\":1,\"samples\":0,"
            + "\"epochs\":0,\"energy_j\":{\"gpu\":1,\"cpu\":0,\"dram\":0},\"co2e_g\":0}");
        attempt(false, 0, 0, 1500, 10);   // from zero: its model restored at step 1500, 100 s and 10 kJ more
        Path ledger = Files.write(dir.resolve("job.jsonl"), lines);

        LedgerRun run = LedgerRun.read(ledger, Optional.of("job"));
        assertEquals(new Components(27_000, 3_000, 0), run.last().energyJoules());
        assertEquals(300, run.last().elapsedSeconds());
        assertEquals(30 * 0.5, run.last().co2eGrams(), 1e-9);
        assertEquals(2500, run.last().steps(), "progress is left as recorded");
        assertEquals(3000, run.stepsTrained(), "the 500 steps redone after the restore count once more");

        List<Double> energy = new ArrayList<>();
        List<Double> elapsed = new ArrayList<>();
        run.forEachSample(sample -> {
            energy.add(sample.energyJoules().total());
            elapsed.add(sample.elapsedSeconds());
        });
        assertEquals(33, energy.size());
        for (int i = 1; i < energy.size(); i++) {
            assertEquals(true, energy.get(i) >= energy.get(i - 1) && elapsed.get(i) >= elapsed.get(i - 1),
                "the course goes on at sample " + i + ": " + energy + " " + elapsed);
        }
        assertEquals(30_000, energy.get(energy.size() - 1));
    }

    /** A start record and eleven samples 10 s apart, at 100 W, 10 steps a second, from where the attempt stands. */
    private void attempt(boolean resumed, double elapsed, double joules, long steps, int samples) {
        lines.add("{\"type\":\"start\",\"run_id\":\"job\",\"pid\":" + (lines.size() + 1) + ",\"resumed\":" + resumed
            + ",\"pue\":1.2,\"settings\":{}}");
        for (int i = 0; i <= samples; i++) {
            double j = joules + 1000 * i;
            lines.add(String.format(Locale.ROOT, "{\"type\":\"sample\",\"run_id\":\"job\",\"seq\":%d,\"elapsed_s\":%f,"
                + "\"steps\":%d,\"samples\":0,\"epochs\":0,\"energy_j\":{\"gpu\":%f,\"cpu\":%f,\"dram\":0},"
                + "\"co2e_g\":%f}", i + 1, elapsed + 10 * i, steps + 100L * i, 0.9 * j, 0.1 * j, j / 1000 * 0.5));
        }
    }
}
