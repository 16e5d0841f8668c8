package org.opencarboneval.agent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.runtime.JobRank;

/**
 * {@code report} reads a ledger in constant memory: a ledger several times the size of a small heap is read, both
 * passes, by a JVM started with that heap. (Holding its lines as strings, as the reader once did, needs more than
 * the file's size in heap; the 2-week ledger at 1 s this is for is 1.2 million lines, about 400 MB.)
 */
class LedgerStreamingTest {

    private static final int HEAP_MB = 12;
    private static final int SAMPLES = 100_000;

    @TempDir
    Path dir;

    @Test
    void aLedgerSeveralTimesTheHeapIsReadInConstantMemory() throws Exception {
        Path ledger = dir.resolve("two-weeks.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(ledger, StandardCharsets.UTF_8)) {
            out.write(LedgerRecord.start(LedgerTest.snapshot("long", 0, 0), false, "gpu: none",
                Map.of("run_id", "long"), JobRank.NONE));
            out.newLine();
            for (int i = 1; i <= SAMPLES; i++) {
                out.write(LedgerRecord.sample(LedgerTest.snapshot("long", i, i)));
                out.newLine();
            }
        }
        long bytes = Files.size(ledger);
        assertTrue(bytes > 2L * HEAP_MB * 1024 * 1024, "the ledger must not fit the heap: " + bytes + " bytes");

        Process reader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + HEAP_MB + "m", "-cp", System.getProperty("java.class.path"), ReadInOneHeap.class.getName(),
            ledger.toString()).redirectErrorStream(true).start();
        String output = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(reader.waitFor(60, TimeUnit.SECONDS), output);

        assertEquals(0, reader.exitValue(), output);
        List<String> figures = output.lines().filter(l -> l.startsWith("samples ")).toList();
        assertEquals(List.of("samples " + SAMPLES + " streamed " + SAMPLES + " steps " + (long) SAMPLES * (SAMPLES + 1) / 2
            + " last " + SAMPLES), figures, output);
    }

    /** Reads a ledger as {@code report} does, and prints what it found and the heap it took at most. */
    static final class ReadInOneHeap {
        public static void main(String[] args) throws IOException {
            LedgerRun run = LedgerRun.read(Path.of(args[0]), Optional.empty());
            AtomicLong streamed = new AtomicLong();
            AtomicLong steps = new AtomicLong();
            run.forEachSample(sample -> {
                streamed.incrementAndGet();
                steps.addAndGet(sample.steps());
            });
            System.out.println("samples " + run.sampleCount() + " streamed " + streamed + " steps " + steps + " last "
                + run.last().steps());
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage.getUsed()).sum();
            System.out.println("peak heap " + peak / (1024 * 1024) + " MB");
        }
    }
}
