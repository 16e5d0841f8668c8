package org.opencarboneval.agent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.SeededProperty;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.progress.TotalSteps;
import org.opencarboneval.agent.runtime.CarbonFactors;
import org.opencarboneval.agent.runtime.Components;
import org.opencarboneval.agent.runtime.JobRank;
import org.opencarboneval.agent.runtime.RunSnapshot;

/**
 * Property tests of the ledger reader (plain JUnit with a seeded generator, not jqwik): for random ledgers of one or
 * two runs whose last line is cut short (at any byte) or corrupted, as a kill, a crash or a full disk leaves it,
 * {@link ResumePoint} and {@link LedgerRun} see exactly the whole records before it (a run's resume, its own last). A failure names the case's seed.
 */
class LedgerPropertyTest {

    private static final long SEED = 0x1ED6E5L;
    private static final int CASES = 500;
    private static final String RUN_ID_CHARS = "ab-_.7 \"\\/é漢\t";

    @TempDir
    Path directory;

    /** One generated record: its line, and the sample it is (empty for a start record). */
    private record Written(String line, Optional<RunSnapshot> sample) {
    }

    @Test
    void resumeReadsTheLastWholeRecordWhateverHappenedToTheLastLine() {
        SeededProperty.forEachCase(SEED, CASES, (random, report) -> {
            DamagedLedger ledger = damagedLedger(random, report);
            List<Written> whole = ledger.whole();
            String runId = pickRunId(whole, random);

            Optional<ResumePoint> found = ResumePoint.find(ledger.file(), runId, warning -> { });

            Optional<RunSnapshot> expected = whole.stream().flatMap(r -> r.sample().stream())
                .filter(s -> s.runId().equals(runId)).reduce((first, second) -> second);
            assertEquals(expected.map(LedgerPropertyTest::resumePoint), found, "the run's own last whole sample");
        });
    }

    @Test
    void eachRunReadsEveryWholeSampleOfItsOwnAndNothingOfTheDamagedLine() {
        SeededProperty.forEachCase(SEED, CASES, (random, report) -> {
            DamagedLedger ledger = damagedLedger(random, report);
            List<RunSnapshot> whole = ledger.whole().stream().flatMap(r -> r.sample().stream()).toList();
            if (whole.isEmpty()) {
                assertThrows(IOException.class, () -> LedgerRun.read(ledger.file(), Optional.empty()));
                return;
            }

            assertEquals(whole.get(whole.size() - 1).runId(), LedgerRun.read(ledger.file(), Optional.empty()).runId(),
                "without a run id, the run of the last whole sample");
            for (String runId : whole.stream().map(RunSnapshot::runId).distinct().toList()) {
                LedgerRun run = LedgerRun.read(ledger.file(), Optional.of(runId));
                List<Long> read = new ArrayList<>();
                run.forEachSample(sample -> read.add(sample.sequence()));

                List<Long> expected = whole.stream().filter(s -> s.runId().equals(runId)).map(RunSnapshot::sequence)
                    .toList();
                assertEquals(expected, read);
                assertEquals(expected.size(), run.sampleCount());
                assertEquals(expected.get(expected.size() - 1), run.last().sequence());
            }
        });
    }

    /** A ledger file whose records are whole but for a damaged last line. */
    private record DamagedLedger(Path file, List<Written> whole) {
    }

    private DamagedLedger damagedLedger(SplittableRandom random, StringBuilder report) throws IOException {
        List<Written> records = ledger(random);
        byte[] damaged = damage(records.get(records.size() - 1).line(), random);
        List<Written> whole = records.subList(0, records.size() - 1);
        Path file = write(whole, damaged, random);
        report.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        return new DamagedLedger(file, whole);
    }

    /** Start, sample and end records of one or two runs, in the order a run writes them; at least two records. */
    private static List<Written> ledger(SplittableRandom random) {
        List<String> runIds = List.of(runId(random), runId(random));
        List<Written> records = new ArrayList<>();
        long sequence = 0;
        while (records.size() < 2 || random.nextInt(6) != 0) {
            String runId = runIds.get(random.nextInt(runIds.size()));
            RunSnapshot snapshot = snapshot(runId, ++sequence, random);
            records.add(switch (random.nextInt(8)) {
                case 0 -> new Written(LedgerRecord.start(snapshot, random.nextBoolean(), "gpu: none",
                    Map.of("run_id", runId), JobRank.NONE, OptionalDouble.empty()), Optional.empty());
                case 1 -> new Written(LedgerRecord.end(snapshot), Optional.of(snapshot));
                default -> new Written(LedgerRecord.sample(snapshot), Optional.of(snapshot));
            });
        }
        return records;
    }

    /**
     * What a kill, a crash or a full disk leaves of a last line, as bytes: a short write may end inside a
     * multi-byte character. (Not a hole inside the line: "gpu":7.0115 with a digit gone is still a valid record,
     * which no reader without checksums can tell from a true one.)
     */
    private static byte[] damage(String line, SplittableRandom random) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        int cut = 1 + random.nextInt(bytes.length - 1);
        return switch (random.nextInt(4)) {
            case 0 -> Arrays.copyOf(bytes, cut); // a kill mid-write, or a disk that filled mid-write
            case 1 -> new byte[1 + random.nextInt(bytes.length)]; // zeros: a crash after the size was updated
            // cut, then zeros (cut first: padding the whole line could give back the line intact)
            case 2 -> Arrays.copyOf(Arrays.copyOf(bytes, cut), cut + 1 + random.nextInt(20));
            default -> garbage(random); // blocks of another file after a crash
        };
    }

    private static byte[] garbage(SplittableRandom random) {
        byte[] bytes = new byte[1 + random.nextInt(80)];
        random.nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = bytes[i] == '\n' ? (byte) ' ' : bytes[i];
        }
        return bytes;
    }

    private Path write(List<Written> whole, byte[] damaged, SplittableRandom random) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (Written record : whole) {
            file.write((record.line() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        file.write(damaged);
        if (random.nextBoolean()) {
            file.write('\n');
        }
        return Files.write(directory.resolve("run.jsonl"), file.toByteArray());
    }

    private static String pickRunId(List<Written> whole, SplittableRandom random) {
        List<String> ids = whole.stream().flatMap(r -> r.sample().stream()).map(RunSnapshot::runId).distinct().toList();
        return ids.isEmpty() || random.nextInt(5) == 0 ? "another run" : ids.get(random.nextInt(ids.size()));
    }

    private static ResumePoint resumePoint(RunSnapshot s) {
        return new ResumePoint(s.sequence(), s.elapsedSeconds(), s.steps(), s.stepsTrained(), s.samples(), s.epochs(),
            s.energyJoules(), s.co2eGrams(), s.gpuSeconds(), s.totalSteps().map(t -> OptionalLong.of(t.steps()))
                .orElse(OptionalLong.empty()));
    }

    private static String runId(SplittableRandom random) {
        StringBuilder id = new StringBuilder("run");
        for (int i = random.nextInt(6); i > 0; i--) {
            id.append(RUN_ID_CHARS.charAt(random.nextInt(RUN_ID_CHARS.length())));
        }
        return id.toString();
    }

    /** A snapshot with random figures of every magnitude the ledger must carry exactly. */
    private static RunSnapshot snapshot(String runId, long sequence, SplittableRandom random) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusMillis(random.nextLong(1L << 40));
        long steps = random.nextLong(1L << 40); // samples stay below 2^53, exact as JSON numbers
        long trained = random.nextBoolean() ? steps : steps + random.nextLong(1L << 20); // a restored run's redone
        return new RunSnapshot(runId, sequence, at, at, random.nextDouble(1e7), steps, trained,
            steps * random.nextInt(1, 512),
            random.nextInt(1000), random.nextBoolean() ? Optional.of(new TotalSteps(steps + 1, "config"))
                : Optional.empty(), random.nextDouble(1e4), new Components(random.nextDouble(1e4), 20, 1),
            new Components(random.nextDouble(1e12), random.nextDouble(1e9), random.nextDouble()), random.nextDouble(1e8), List.of(),
            random.nextDouble(1e9), new CarbonFactors("WORLD", 0.475, 1.0), Optional.empty(), OptionalDouble.empty());
    }
}
