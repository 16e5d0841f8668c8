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
import java.util.OptionalInt;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.progress.TotalSteps;
import org.opencarboneval.agent.runtime.CarbonFactors;
import org.opencarboneval.agent.runtime.Components;
import org.opencarboneval.agent.runtime.JobRank;
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

        ResumePoint point = ResumePoint.find(file, "a", warnings::add).orElseThrow();

        assertEquals(2, point.sequence());
        assertEquals(20, point.steps());
        assertEquals(1000, point.samples());
        assertEquals(new Components(200, 20, 2), point.energyJoules());
        assertEquals(0.5, point.co2eGrams());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("skipped 1 damaged line of the ledger " + file + " (the last line: "),
            warnings.get(0));
    }

    /**
     * Another run's records after this one's (processes of an unrecognised launcher, or a sweep, sharing a ledger)
     * do not hide where this one stopped.
     */
    @Test
    void resumesFromItsOwnLastSampleWhateverOtherRunsWroteAfterIt() throws Exception {
        Path file = dir.resolve("run.jsonl");
        Files.writeString(file, LedgerRecord.sample(snapshot("a", 1, 10)) + "\n"
            + LedgerRecord.sample(snapshot("a", 2, 20)) + "\n" + LedgerRecord.end(snapshot("b", 1, 99)) + "\n");

        assertEquals(20, ResumePoint.find(file, "a", warnings::add).orElseThrow().steps());
        assertEquals(99, ResumePoint.find(file, "b", warnings::add).orElseThrow().steps());
        assertEquals(Optional.empty(), ResumePoint.find(file, "c", warnings::add));
        assertEquals(Optional.empty(), ResumePoint.find(dir.resolve("absent.jsonl"), "a", warnings::add));
        assertEquals(List.of(), warnings);
    }

    /**
     * A run killed mid-write leaves a last line without its line break. The resumed run's start record must not be
     * glued onto it (it would be lost as part of a damaged line): it starts a line of its own, the fragment stays as
     * it was, and the totals continue.
     */
    @Test
    void resumingOntoACutOffLineStartsTheNewRecordsOnALineOfTheirOwn() throws Exception {
        Path file = dir.resolve("run.jsonl");
        String cutOff = LedgerRecord.sample(snapshot("a", 3, 30));
        String before = LedgerRecord.sample(snapshot("a", 1, 10)) + "\n" + LedgerRecord.sample(snapshot("a", 2, 20))
            + "\n" + cutOff.substring(0, cutOff.length() / 2);
        Files.writeString(file, before);

        ResumePoint point = ResumePoint.find(file, "a", warnings::add).orElseThrow();
        RunLedger ledger = RunLedger.open(file, Duration.ZERO, warnings::add);
        ledger.append(LedgerRecord.start(snapshot("a", 3, point.steps()), true, "gpu: none", Map.of("run_id", "a"),
            new JobRank(OptionalInt.of(1), OptionalInt.of(2)), OptionalDouble.of(4.5e9)));
        ledger.append(LedgerRecord.sample(snapshot("a", 3, point.steps() + 5)));
        ledger.close();

        String after = Files.readString(file);
        assertTrue(after.startsWith(before + "\n"), "what was recorded stays as it was: " + after);
        List<String> lines = Files.readAllLines(file);
        assertEquals(cutOff.substring(0, cutOff.length() / 2), lines.get(2), "the fragment is a line of its own");
        assertEquals("start", LedgerRecord.parse(lines.get(3)).orElseThrow().get("type"));
        LedgerRun run = LedgerRun.read(file, Optional.empty());
        assertEquals(3, run.sampleCount());
        assertEquals(25, run.last().steps(), "the totals continue from the resume point");
        assertEquals(Map.of("run_id", "a"), run.settings(), "the resumed start record is read back");
        assertEquals(new JobRank(OptionalInt.of(1), OptionalInt.of(2)), run.rank());
        assertEquals(OptionalDouble.of(4.5e9), run.aprioriEnergyJoules(), "the agent's a-priori estimate");
        assertEquals(Optional.of("skipped 1 damaged line of the ledger " + file
            + " (line 3: unexpected end at character " + cutOff.length() / 2 + ")"), run.damage());
    }

    @Test
    void aLedgerEndingInALineBreakGetsNoEmptyLine() throws Exception {
        Path file = dir.resolve("run.jsonl");
        Files.writeString(file, LedgerRecord.sample(snapshot("a", 1, 10)) + "\n");
        RunLedger ledger = RunLedger.open(file, Duration.ZERO, warnings::add);
        ledger.append(LedgerRecord.sample(snapshot("a", 2, 20)));
        ledger.close();

        assertEquals(2, Files.readAllLines(file).size());
        assertEquals(List.of(), warnings);
    }

    /**
     * What a resume must survive at the ledger's tail: 60 KB of nested brackets (which overflowed a recursive
     * reader's stack, leaving sampling off for the run), a number beyond a double, a field of the wrong type. Each is
     * a damaged line: skipped, with one warning naming the first, and the run resumes from the record before them.
     */
    @Test
    void damagedLinesAtTheTailAreSkippedWithOneWarning() throws Exception {
        Path file = dir.resolve("run.jsonl");
        String sample = LedgerRecord.sample(snapshot("a", 2, 20));
        Files.writeString(file, LedgerRecord.sample(snapshot("a", 1, 10)) + "\n" + sample + "\n"
            + sample.replace("\"steps\":20", "\"steps\":\"20\"") + "\n"
            + sample.replace("\"co2e_g\":0.5", "\"co2e_g\":1e400") + "\n"
            + "[".repeat(60_000) + "\n");

        ResumePoint point = ResumePoint.find(file, "a", warnings::add).orElseThrow();

        assertEquals(2, point.sequence());
        assertEquals(20, point.steps());
        assertEquals(List.of("skipped 3 damaged lines of the ledger " + file
            + " (the last line: nested deeper than 16 levels at character 16)"), warnings);
        warnings.clear();
        Files.writeString(file, sample.replace("\"steps\":20", "\"steps\":\"20\"") + "\n");
        assertEquals(Optional.empty(), ResumePoint.find(file, "a", warnings::add));
        assertEquals(List.of("skipped 1 damaged line of the ledger " + file
            + " (the last line: field 'steps': expected a number, got the string \"20\")"), warnings);
    }

    @Test
    void aSymbolicLinkIsRefusedWithOneLineAndItsTargetLeftAlone() throws Exception {
        Path target = Files.writeString(dir.resolve("precious.txt"), "not a ledger\n");
        Path link = Files.createSymbolicLink(dir.resolve("run.jsonl"), target);

        assertEquals(Optional.empty(), ResumePoint.find(link, "a", warnings::add));
        RunLedger ledger = RunLedger.open(link, Duration.ZERO, warnings::add);
        ledger.append(LedgerRecord.sample(snapshot("a", 1, 10)));
        ledger.close();

        assertEquals("not a ledger\n", Files.readString(target));
        assertEquals(List.of("cannot write the ledger " + link + ", continuing without it: " + link + " is a symbolic"
            + " link; the ledger must be a regular file, or a path where one can be created (links are not followed)"),
            warnings);
    }

    /** Opening a named pipe blocks until its other end is opened: the ledger must refuse it without opening it. */
    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNamedPipeIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("run.jsonl");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());

        assertEquals(Optional.empty(), ResumePoint.find(fifo, "a", warnings::add));
        RunLedger ledger = RunLedger.open(fifo, Duration.ZERO, warnings::add);
        ledger.append(LedgerRecord.sample(snapshot("a", 1, 10)));
        ledger.close();

        assertEquals(List.of("cannot write the ledger " + fifo + ", continuing without it: " + fifo + " is a named"
            + " pipe, socket or device, not a regular file; the ledger must be a regular file, or a path where one can"
            + " be created (links are not followed)"), warnings);
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
    static RunSnapshot snapshot(String runId, long sequence, long steps) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(sequence);
        return new RunSnapshot(runId, sequence, at, at, sequence, steps, steps, steps * 50, 0,
            Optional.of(new TotalSteps(100, "config")), 1.0, new Components(300, 20, 1),
            new Components(steps * 10, steps, steps / 10.0), 0, List.of(), steps / 40.0,
            new CarbonFactors("WORLD", 0.475, 1.0), Optional.empty(), OptionalDouble.empty());
    }
}
