package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencarboneval.e2e.TrainingJvm.DL4J;
import static org.opencarboneval.e2e.TrainingJvm.DL4J_CHECKPOINTED_MAIN;
import static org.opencarboneval.e2e.TrainingJvm.DL4J_MAIN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGKILL mid-run loses at most the last flush interval; a restart with the same run_id continues the totals, and one
 * from a checkpoint goes on from the checkpoint's step.
 */
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

        // the restart prints its progress every 0.2 s: from the first line that knows the total, a forecast, as the
        // first attempt's record is replayed from the ledger (a fresh forecaster needs four samples of training)
        TrainingJvm restarted = TrainingJvm.startExample("kill-restart", DL4J, DL4J_MAIN,
            agent.replace("console=false", "console=true,console.interval=0.2"), "50", "1000", "50");
        assertEquals(0, restarted.finish(), restarted.stderr());
        String firstWithTotal = restarted.stderr().lines().filter(line -> line.matches(".*\\d+% \\d+/\\d+ steps.*"))
            .findFirst().orElseThrow(() -> new AssertionError("no progress line with a total:\n"
                + restarted.stderr()));
        assertFalse(firstWithTotal.contains("forecast n/a"), firstWithTotal);

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

    /**
     * A counter that comes back lower after a restart is a reset to Prometheus, and {@code increase()} then adds the
     * whole total again: what a run showed until it was killed, seconds after its last flush, must be no more than
     * its ledger kept, and the restart, which resumes from the ledger, goes on from there.
     */
    @Test
    void countersScrapedBeforeAKillAreNoMoreThanTheRestartResumesFrom() throws Exception {
        Path ledger = TrainingJvm.freshWorkFile("kill-scraped.jsonl");
        String agent = "ledger=" + ledger + ",interval=0.2,ledger.flush=5,console=false";
        Counters shown;
        try (MonitoredRun doomed = MonitoredRun.start("kill-scraped-first", "kill-scraped", agent)) {
            doomed.awaitScrape(s -> s.has("oce_training_steps_total") && s.value("oce_training_steps_total") > 0,
                "training steps");
            Thread.sleep(2000); // the samples since the last flush, up to 5 s of them, are not in the file yet
            shown = Counters.of(doomed.scrape());
            doomed.kill();
        }
        List<Map<String, Object>> kept = Ledger.read(ledger).ofType("sample");
        Counters inTheFile = Counters.of(kept.get(kept.size() - 1));
        shown.assertAtMost(inTheFile, "the ledger kept");

        try (MonitoredRun restarted = MonitoredRun.start("kill-scraped-restart", "kill-scraped", agent)) {
            inTheFile.assertAtMost(Counters.of(restarted.scrape()), "the restart showed");
        }
    }

    /**
     * A job that halts 45 epochs past its checkpoint and is restarted from it does those epochs again; the agent goes
     * on from the restored model's step, so the configured total is reached when the job ends, not 45 epochs before.
     */
    @Test
    void aJobRestoredFromItsCheckpointGoesOnFromTheCheckpointsStep() throws Exception {
        Path ledger = TrainingJvm.freshWorkFile("checkpointed.jsonl");
        Path checkpoint = TrainingJvm.freshWorkFile("checkpointed.zip");
        String agent = "ledger=" + ledger + ",run_id=checkpointed,interval=0.1,ledger.flush=0.1,console=false,"
            + "total.epochs=100";
        String[] job = {"100", "1000", "50", checkpoint.toString(), "50"};

        TrainingJvm crashed = TrainingJvm.startExample("checkpoint-crash", DL4J, DL4J_CHECKPOINTED_MAIN, agent,
            append(job, "95"));
        assertEquals(137, crashed.finish(), crashed.stderr());
        assertTrue(crashed.stdout().contains("checkpoint at step 1000, epoch 50"), crashed.stdout());
        List<Map<String, Object>> before = Ledger.read(ledger).ofType("sample");
        long counted = Ledger.whole(before.get(before.size() - 1), "steps");
        assertTrue(counted > 1000, "the ledger counted steps past the checkpoint: " + counted);

        TrainingJvm restarted = TrainingJvm.startExample("checkpoint-restart", DL4J, DL4J_CHECKPOINTED_MAIN, agent,
            job);
        assertEquals(0, restarted.finish(), restarted.stderr());
        assertTrue(restarted.stdout().contains("starting at step 1000, epoch 50"), restarted.stdout());
        assertTrue(restarted.stderr().contains("resumed from a checkpoint at step 1000 (epoch 50); the ledger had "
            + "counted " + counted + ", so the " + (counted - 1000) + " steps since the checkpoint are being redone"),
            restarted.stderr());

        Map<String, Object> end = Ledger.read(ledger).end();
        assertEquals(TrainingJvm.printed(restarted.stdout(), "steps"), Ledger.whole(end, "steps"),
            "the model's own step, not the ledger's count plus the steps done again");
        assertEquals(2000, Ledger.whole(end, "total_steps"));
        assertEquals(counted + 1000, Ledger.whole(end, "steps_trained"), "the steps trained, the redone ones again");
        assertEquals(TrainingJvm.printed(restarted.stdout(), "epochs"), Ledger.whole(end, "epochs"));
        assertTrue(Ledger.energy(end, "cpu") > Ledger.energy(before.get(before.size() - 1), "cpu"),
            "the redone steps' energy is counted");
    }

    /** The run's counters, as a scrape shows them or a ledger record holds them. */
    private record Counters(double gpuJoules, double cpuJoules, double dramJoules, double co2eGrams, double steps) {

        static Counters of(Scrape scrape) {
            return new Counters(scrape.value("oce_energy_joules_total", "component", "gpu"),
                scrape.value("oce_energy_joules_total", "component", "cpu"),
                scrape.value("oce_energy_joules_total", "component", "dram"),
                scrape.value("oce_emissions_grams_total"), scrape.value("oce_training_steps_total"));
        }

        /** A run restarted without a checkpoint trains no step twice: its steps are its steps trained. */
        static Counters of(Map<String, Object> record) {
            return new Counters(Ledger.energy(record, "gpu"), Ledger.energy(record, "cpu"),
                Ledger.energy(record, "dram"), (Double) record.get("co2e_g"), Ledger.whole(record, "steps"));
        }

        void assertAtMost(Counters later, String what) {
            assertTrue(gpuJoules <= later.gpuJoules && cpuJoules <= later.cpuJoules && dramJoules <= later.dramJoules
                && co2eGrams <= later.co2eGrams && steps <= later.steps, "shown " + this + ",\n" + what + " " + later);
        }
    }

    private static String[] append(String[] arguments, String last) {
        String[] all = java.util.Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = last;
        return all;
    }

    private static long samplesWithSteps(String ledgerText) {
        return Ledger.parse(ledgerText).ofType("sample").stream().filter(s -> Ledger.whole(s, "steps") > 0).count();
    }
}
