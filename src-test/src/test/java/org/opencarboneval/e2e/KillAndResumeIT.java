package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencarboneval.e2e.TrainingJvm.DL4J;
import static org.opencarboneval.e2e.TrainingJvm.DL4J_MAIN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIGKILL mid-run loses at most the last flush interval; a restart with the same run_id continues the totals. */
@Timeout(300)
class KillAndResumeIT {

    private static final int FLUSHED_SAMPLES_BEFORE_KILL = 4;

    @Test
    void killedRunKeepsItsFlushedSamplesAndTheRestartContinuesTheTotals() throws Exception {
        Path ledger = TrainingJvm.workFile("kill.jsonl");
        Files.deleteIfExists(ledger);
        String agent = "ledger=" + ledger + ",run_id=killed,interval=0.2,ledger.flush=0.4,console=false";

        TrainingJvm doomed = TrainingJvm.startExample("kill-first", DL4J, DL4J_MAIN, agent, "1000", "1000", "50");
        TrainingJvm.awaitFile(ledger, text -> samplesWithSteps(text) >= FLUSHED_SAMPLES_BEFORE_KILL, doomed);
        doomed.process().destroyForcibly().waitFor();

        Ledger killed = Ledger.read(ledger);
        assertEquals(List.of(), killed.unparsable(), "whole lines only");
        assertEquals(List.of(), killed.ofType("end"), "no end record after SIGKILL");
        List<Map<String, Object>> samples = killed.ofType("sample");
        assertTrue(samples.size() >= FLUSHED_SAMPLES_BEFORE_KILL);
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(i + 1, Ledger.whole(samples.get(i), "seq"), "every sample up to the last flush");
        }
        Map<String, Object> last = samples.get(samples.size() - 1);
        long stepsBefore = Ledger.whole(last, "steps");

        TrainingJvm restarted = TrainingJvm.startExample("kill-restart", DL4J, DL4J_MAIN, agent, "5", "1000", "50");
        assertEquals(0, restarted.finish(), restarted.stderr());

        Ledger resumed = Ledger.read(ledger);
        Map<String, Object> secondStart = resumed.ofType("start").get(1);
        assertEquals(Boolean.TRUE, secondStart.get("resumed"));
        Map<String, Object> end = resumed.end();
        assertEquals(stepsBefore + TrainingJvm.printed(restarted.stdout(), "steps"), Ledger.whole(end, "steps"));
        List<Map<String, Object>> allSamples = resumed.ofType("sample");
        assertEquals(Ledger.whole(last, "seq") + 1, Ledger.whole(allSamples.get(samples.size()), "seq"),
            "the sequence continues");
        assertTrue(Ledger.energy(end, "cpu") > Ledger.energy(last, "cpu"), "energy continues from the killed run");
        assertTrue((Double) end.get("co2e_g") > (Double) last.get("co2e_g"), "CO2e continues from the killed run");
    }

    private static long samplesWithSteps(String ledgerText) {
        return Ledger.parse(ledgerText).ofType("sample").stream().filter(s -> Ledger.whole(s, "steps") > 0).count();
    }
}
