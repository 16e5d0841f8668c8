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
import java.util.OptionalDouble;
import java.util.OptionalInt;
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
        Path ledger = longLedger("two-weeks.jsonl", JobRank.NONE);

        String output = runInSmallHeap(ReadInOneHeap.class, ledger.toString());
        List<String> figures = output.lines().filter(l -> l.startsWith("samples ")).toList();
        assertEquals(List.of("samples " + SAMPLES + " streamed " + SAMPLES + " steps "
            + (long) SAMPLES * (SAMPLES + 1) / 2 + " last " + SAMPLES), figures, output);
    }

    /** A job's ranks are merged holding two samples per rank: two such ledgers read in the same small heap. */
    @Test
    void aJobOfTwoSuchLedgersIsMergedInConstantMemory() throws Exception {
        Path rank0 = longLedger("rank0.jsonl", new JobRank(OptionalInt.of(0), OptionalInt.of(2)));
        Path rank1 = longLedger("rank1.jsonl", new JobRank(OptionalInt.of(1), OptionalInt.of(2)));

        String output = runInSmallHeap(MergeInOneHeap.class, rank0.toString(), rank1.toString());
        // one point per sample once both began; the job's work is both ranks' steps
        assertEquals(List.of("points " + (2 * SAMPLES - 1) + " last work " + 2 * SAMPLES),
            output.lines().filter(l -> l.startsWith("points ")).toList(), output);
    }

    private Path longLedger(String name, JobRank rank) throws IOException {
        Path ledger = dir.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(ledger, StandardCharsets.UTF_8)) {
            out.write(LedgerRecord.start(LedgerTest.snapshot("long", 0, 0), false, "gpu: none",
                Map.of("run_id", "long"), rank, OptionalDouble.empty()));
            out.newLine();
            for (int i = 1; i <= SAMPLES; i++) {
                out.write(LedgerRecord.sample(LedgerTest.snapshot("long", i, i)));
                out.newLine();
            }
        }
        long bytes = Files.size(ledger);
        assertTrue(bytes > 2L * HEAP_MB * 1024 * 1024, "the ledger must not fit the heap: " + bytes + " bytes");
        return ledger;
    }

    private static String runInSmallHeap(Class<?> main, String... ledgers) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + HEAP_MB + "m", "-cp",
            System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(ledgers));
        Process reader = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(reader.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, reader.exitValue(), output);
        return output;
    }

    /** Merges the ranks' ledgers as {@code report} does for a job and prints how many points it made. */
    static final class MergeInOneHeap {
        public static void main(String[] args) throws IOException {
            List<LedgerRun> ranks = new java.util.ArrayList<>();
            for (String ledger : args) {
                ranks.add(LedgerRun.read(Path.of(ledger), Optional.empty()));
            }
            AtomicLong points = new AtomicLong();
            double[] lastWork = new double[1];
            JobRun.of(ranks, false).forEachPoint(point -> {
                points.incrementAndGet();
                lastWork[0] = point.work();
            });
            System.out.println("points " + points + " last work " + (long) lastWork[0]);
        }
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
