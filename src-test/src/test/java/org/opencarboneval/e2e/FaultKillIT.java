package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opencarboneval.e2e.TrainingJvm.DL4J;
import static org.opencarboneval.e2e.TrainingJvm.DL4J_MAIN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGKILL loses at most one flush interval of ledger samples: the example pauses at a known step, and once one
 * flush interval and one sample interval have passed (plus slack for a busy machine), a kill must find that step in
 * the ledger. KillAndResumeIT covers the restart that continues the totals.
 */
@Timeout(300)
class FaultKillIT {

    private static final double INTERVAL_SECONDS = 0.2;
    private static final double FLUSH_SECONDS = 0.5;
    /** A sampler thread delayed on a loaded 2-core machine; not a tolerance of the ledger. */
    private static final double SLACK_SECONDS = 2;

    @Test
    void aKillLosesNoSampleOlderThanOneFlushInterval() throws Exception {
        Path ledger = TrainingJvm.workFile("fault-kill.jsonl");
        Files.deleteIfExists(ledger);
        TrainingJvm run = TrainingJvm.startExample("fault-kill", DL4J, DL4J_MAIN, "ledger=" + ledger
            + ",run_id=fault-kill,interval=" + INTERVAL_SECONDS + ",ledger.flush=" + FLUSH_SECONDS + ","
            + FaultRuns.FAULT_LINES_ONLY, Map.of(), "40", "1000", "50", "20");
        String paused = run.awaitStdout(out -> out.contains("paused"));
        long reached = Long.parseLong(paused.strip().substring(paused.strip().lastIndexOf(' ') + 1));

        Thread.sleep(Math.round((FLUSH_SECONDS + INTERVAL_SECONDS + SLACK_SECONDS) * 1000));
        run.process().destroyForcibly().waitFor();

        Ledger killed = Ledger.read(ledger);
        assertEquals(List.of(), killed.unparsable(), "whole lines only");
        assertEquals(List.of(), killed.ofType("end"), "no end record after SIGKILL");
        List<Map<String, Object>> samples = killed.ofType("sample");
        assertEquals(reached, Ledger.whole(samples.get(samples.size() - 1), "steps"),
            "the last sample flushed shows the step the program paused at");
    }
}
