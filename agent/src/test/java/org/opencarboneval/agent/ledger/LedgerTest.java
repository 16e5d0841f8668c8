package org.opencarboneval.agent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.progress.TotalSteps;
import org.opencarboneval.agent.runtime.CarbonFactors;
import org.opencarboneval.agent.runtime.Components;
import org.opencarboneval.agent.runtime.RunSnapshot;

class LedgerTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void recordsReachTheFileOnlyWhenFlushed() throws Exception {
        Path file = dir.resolve("run.jsonl");
        RunLedger ledger = RunLedger.open(file, Duration.ofSeconds(5), warnings::add);
        long t0 = -7_000_000_000L; // monotonic nanoseconds have an arbitrary origin, negative included

        ledger.append(LedgerRecord.sample(snapshot("a", 1, 10)));
        ledger.flushIfDue(t0);
        ledger.append(LedgerRecord.sample(snapshot("a", 2, 20)));
        ledger.flushIfDue(t0 + 4_999_999_999L);
        assertEquals(1, Files.readAllLines(file).size(), "the second record waits for the flush interval");

        ledger.flushIfDue(t0 + 5_000_000_000L);
        assertEquals(2, Files.readAllLines(file).size());
        ledger.close();
        assertEquals(List.of(), warnings);
    }

    @Test
    void resumesFromTheLastSampleOfTheSameRunSkippingACutOffLine() throws Exception {
        Path file = dir.resolve("run.jsonl");
        String cutOff = LedgerRecord.sample(snapshot("a", 3, 30));
        Files.writeString(file, LedgerRecord.sample(snapshot("a", 1, 10)) + "\n"
            + LedgerRecord.sample(snapshot("a", 2, 20)) + "\n" + cutOff.substring(0, cutOff.length() / 2));

        ResumePoint point = ResumePoint.find(file, "a").orElseThrow();

        assertEquals(2, point.sequence());
        assertEquals(20, point.steps());
        assertEquals(1000, point.samples());
        assertEquals(new Components(200, 20, 2), point.energyJoules());
        assertEquals(0.5, point.co2eGrams());
    }

    @Test
    void doesNotResumeWhenTheLastRecordBelongsToAnotherRun() throws Exception {
        Path file = dir.resolve("run.jsonl");
        Files.writeString(file, LedgerRecord.sample(snapshot("a", 1, 10)) + "\n"
            + LedgerRecord.end(snapshot("b", 1, 5)) + "\n");

        assertEquals(Optional.empty(), ResumePoint.find(file, "a"));
        assertEquals(5, ResumePoint.find(file, "b").orElseThrow().steps());
        assertEquals(Optional.empty(), ResumePoint.find(dir.resolve("absent.jsonl"), "a"));
    }

    @Test
    void anUnwritableLedgerIsOneWarningAndNothingElse() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "");
        RunLedger ledger = RunLedger.open(blocker.resolve("run.jsonl"), Duration.ZERO, warnings::add);

        ledger.append(LedgerRecord.sample(snapshot("a", 1, 10)));
        ledger.flush();
        ledger.close();

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("cannot write the ledger"), warnings.get(0));
    }

    @Test
    void sampleRecordsCarryTheFieldsTheResumeAndTheReportNeed() {
        Map<String, Object> record = LedgerRecord.parse(LedgerRecord.sample(snapshot("run \"x\"", 7, 70))).orElseThrow();

        assertEquals("sample", record.get("type"));
        assertEquals("run \"x\"", record.get("run_id"));
        assertEquals(7.0, record.get("seq"));
        assertEquals(100.0, record.get("total_steps"));
        assertEquals("config", record.get("total_steps_source"));
        assertEquals(Map.of("gpu", 700.0, "cpu", 70.0, "dram", 7.0), record.get("energy_j"));
    }

    /** A snapshot whose energies and emissions scale with its steps, so resumed values are easy to check. */
    private static RunSnapshot snapshot(String runId, long sequence, long steps) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(sequence);
        return new RunSnapshot(runId, sequence, at, at, sequence, steps, steps * 50, 0,
            Optional.of(new TotalSteps(100, "config")), 1.0, new Components(300, 20, 1),
            new Components(steps * 10, steps, steps / 10.0), List.of(), steps / 40.0,
            new CarbonFactors("WORLD", 0.475, 1.0), Optional.empty(), OptionalDouble.empty());
    }
}
