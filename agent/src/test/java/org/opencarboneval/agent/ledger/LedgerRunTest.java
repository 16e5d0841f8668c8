package org.opencarboneval.agent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerRunTest {

    @TempDir
    Path dir;

    private static String start(String runId, String settings) {
        return "{\"type\":\"start\",\"run_id\":\"" + runId + "\",\"pue\":1.25,\"settings\":{" + settings + "}}";
    }

    private static String sample(String runId, long seq, long steps) {
        return String.format(Locale.ROOT, "{\"type\":\"sample\",\"run_id\":\"%s\",\"seq\":%d,\"elapsed_s\":%d,"
            + "\"steps\":%d,\"samples\":0,\"epochs\":0,\"total_steps\":null,"
            + "\"energy_j\":{\"gpu\":%d,\"cpu\":1,\"dram\":0},\"co2e_g\":0.5}", runId, seq, seq, steps, 10 * steps);
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void readsTheRunOfTheLastSampleWithItsLatestStartAcrossInterleavedRuns() throws IOException {
        Path ledger = write("run.jsonl", List.of(start("a", "\"interval\":\"1\""), sample("a", 1, 10),
            start("b", ""), sample("b", 1, 5), start("a", "\"interval\":\"2\""), sample("a", 2, 20),
            sample("b", 2, 6), sample("a", 3, 30)));

        LedgerRun run = LedgerRun.read(ledger, Optional.empty());
        List<Long> steps = new ArrayList<>();
        run.forEachSample(s -> steps.add(s.steps()));

        assertEquals("a", run.runId());
        assertEquals(Map.of("interval", "2"), run.settings());
        assertEquals(1.25, run.pue());
        assertEquals(3, run.sampleCount());
        assertEquals(30, run.last().steps());
        assertEquals(List.of(10L, 20L, 30L), steps);
        assertEquals(Optional.empty(), run.damage());
        LedgerRun b = LedgerRun.read(ledger, Optional.of("b"));
        assertEquals(Map.of(), b.settings());
        assertEquals(6, b.last().steps());
    }

    /** The samples the first pass counted, even when the run goes on writing between the two passes. */
    @Test
    void theSecondPassStreamsTheSamplesTheFirstCounted() throws IOException {
        Path ledger = write("run.jsonl", List.of(start("a", ""), sample("a", 1, 10), sample("a", 2, 20)));
        LedgerRun run = LedgerRun.read(ledger, Optional.empty());
        Files.writeString(ledger, sample("a", 3, 30) + "\n", StandardOpenOption.APPEND);

        List<Long> steps = new ArrayList<>();
        run.forEachSample(s -> steps.add(s.steps()));

        assertEquals(List.of(10L, 20L), steps);
        Files.write(ledger, List.of(sample("a", 1, 10)));
        IOException shrunk = assertThrows(IOException.class, () -> run.forEachSample(s -> { }));
        assertEquals("the ledger '" + ledger + "' changed while it was read: 1 of run 'a''s samples are gone",
            shrunk.getMessage());
    }

    /** Damaged lines anywhere are skipped and told in one line: the first of them, and how many. */
    @Test
    void damagedLinesAreSkippedAndCounted() throws IOException {
        String wrongType = sample("a", 2, 20).replace("{\"gpu\":200,\"cpu\":1,\"dram\":0}", "[200,1,0]");
        Path ledger = write("run.jsonl", List.of(start("a", ""), sample("a", 1, 10), wrongType,
            "x".repeat(LedgerLines.MAX_LINE_BYTES + 1), "[".repeat(60_000), "", sample("a", 3, 30)));

        LedgerRun run = LedgerRun.read(ledger, Optional.empty());
        List<Long> steps = new ArrayList<>();
        run.forEachSample(s -> steps.add(s.steps()));

        assertEquals(List.of(10L, 30L), steps);
        assertEquals(Optional.of("skipped 3 damaged lines of the ledger " + ledger
            + " (line 3: field 'energy_j': expected an object, got an array of 3 items)"), run.damage());
    }

    @Test
    void aGzipLedgerIsReadWhateverItsName() throws IOException {
        for (String name : List.of("run.jsonl.gz", "run-compressed.jsonl")) {
            Path ledger = dir.resolve(name);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(ledger))) {
                out.write((start("a", "") + "\n" + sample("a", 1, 10) + "\n" + sample("a", 2, 20) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            }

            LedgerRun run = LedgerRun.read(ledger, Optional.empty());

            assertEquals(2, run.sampleCount(), name);
            assertEquals(20, run.last().steps(), name);
        }
    }

    /** A gzip ledger cut short (copied while still being compressed) keeps what came before the cut. */
    @Test
    void aGzipLedgerCutShortKeepsItsWholeLines() throws IOException {
        Path ledger = dir.resolve("run.jsonl.gz");
        List<String> lines = new ArrayList<>(List.of(start("a", "")));
        for (int i = 1; i <= 2000; i++) {
            lines.add(sample("a", i, 10L * i));
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(ledger))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = Files.readAllBytes(ledger);
        Files.write(ledger, java.util.Arrays.copyOf(whole, whole.length / 2));

        LedgerRun run = LedgerRun.read(ledger, Optional.empty());

        assertEquals(run.last().sequence(), run.sampleCount(), "every sample up to the cut");
        assertEquals(true, run.sampleCount() > 100 && run.sampleCount() < 2000, "cut half-way: " + run.sampleCount());
    }
}
