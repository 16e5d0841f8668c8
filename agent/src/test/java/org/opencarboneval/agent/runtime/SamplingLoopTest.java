package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.grid.GridFeed;
import org.opencarboneval.agent.hook.TrainingHooks;
import org.opencarboneval.agent.ledger.LedgerRecord;
import org.opencarboneval.agent.ledger.ResumePoint;
import org.opencarboneval.agent.ledger.RunLedger;
import org.opencarboneval.agent.progress.RestoredModel;
import org.opencarboneval.agent.progress.TrainingProgress;

class SamplingLoopTest {

    private static final CarbonFactors CARBON = new CarbonFactors("X", 0.5, 1.0);

    @TempDir
    Path dir;

    @Test
    void writesStartSamplesAndEndAndContinuesAResumedRun() throws Exception {
        Path file = dir.resolve("run.jsonl");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        TrainingProgress progress = new TrainingProgress(false, OptionalLong.of(500), OptionalLong.empty());
        long counted = progress.steps();
        ResumePoint resumed = new ResumePoint(9, 60, 100, 100, 3200, 1, new Components(1000, 100, 10), 2.0, 0, OptionalLong.empty());
        progress.resumeFrom(new TrainingProgress.Counts(100, 3200, 1), OptionalLong.empty());
        SamplingLoop loop = new SamplingLoop("r", progress, new FixedMeter(new Components(3600, 360, 36)), CARBON,
            Optional.of(resumed), Optional.of(RunLedger.open(file, Duration.ofHours(1), w -> { })),
            Optional.of(new PrintStream(console, true, StandardCharsets.UTF_8)), Duration.ofHours(1),
            new RunForecaster(OptionalDouble.empty(), Optional.empty()), AgentClock.SYSTEM, new AgentErrors(w -> { }));

        loop.start(Duration.ofHours(1), true, Map.of("run_id", "r"));
        loop.finish();

        List<Map<String, Object>> records = Files.readAllLines(file).stream()
            .map(line -> LedgerRecord.parse(line).orElseThrow()).toList();
        assertEquals(List.of("start", "sample", "sample", "end"), records.stream().map(r -> r.get("type")).toList());
        assertEquals(true, records.get(0).get("resumed"));
        assertEquals("fixed meter", records.get(0).get("power"));
        assertEquals(10.0, records.get(1).get("seq"), "the sequence continues after the resumed sample 9");
        Map<String, Object> end = records.get(3);
        assertEquals(100.0 + counted, end.get("steps"));
        assertEquals(500.0, end.get("total_steps"));
        assertEquals(Map.of("gpu", 4600.0, "cpu", 460.0, "dram", 46.0), end.get("energy_j"));
        assertEquals(2.0 + 3996 / 3.6e6 * 0.5 * 1000, (Double) end.get("co2e_g"), 1e-9);
        assertTrue(console.toString(StandardCharsets.UTF_8).startsWith("[opencarboneval] run r: "),
            console.toString(StandardCharsets.UTF_8));
        assertEquals(loop.latest().co2eGrams(), (Double) end.get("co2e_g"), 1e-12);
    }

    /**
     * A job restored from its checkpoint goes back to the checkpoint's step, the steps-trained counter does not: it
     * goes on from the ledger's (an earlier restore's redone steps among them) by every step this process trains.
     */
    @Test
    void theStepsTrainedGoOnWhereARestoreSetsThePositionBack() throws Exception {
        Path file = dir.resolve("run.jsonl");
        TrainingProgress progress = new TrainingProgress(false, OptionalLong.empty(), OptionalLong.empty());
        long counted = progress.countedSteps();
        progress.resumeFrom(new TrainingProgress.Counts(100, 3200, 5), OptionalLong.empty());
        progress.modelEntered(new RestoredModel(40, 2));
        ResumePoint resumed = new ResumePoint(9, 60, 100, 130, 3200, 5, Components.ZERO, 0, 0, OptionalLong.empty());
        SamplingLoop loop = new SamplingLoop("r", progress, new FixedMeter(Components.ZERO), CARBON,
            Optional.of(resumed), Optional.of(RunLedger.open(file, Duration.ofHours(1), w -> { })), Optional.empty(),
            Duration.ofHours(1), new RunForecaster(OptionalDouble.empty(), Optional.empty()), AgentClock.SYSTEM,
            new AgentErrors(w -> { }));

        loop.start(Duration.ofHours(1), true, Map.of("run_id", "r"));
        TrainingHooks.frameworkStep();
        loop.finish();

        Map<String, Object> end = Files.readAllLines(file).stream().map(line -> LedgerRecord.parse(line).orElseThrow())
            .filter(r -> r.get("type").equals("end")).findFirst().orElseThrow();
        assertEquals(40.0 + 1, end.get("steps"), "the position: the checkpoint's step and the one trained since");
        assertEquals(130.0 + counted + 1, end.get("steps_trained"));
        assertEquals(130 + counted + 1, loop.latest().stepsTrained());
    }

    /**
     * A sampler held up for ten intervals (a job suspended, a driver call that hangs) takes its next samples an
     * interval apart, not the missed ten at once: their throughput and the forecast's history would be milliseconds.
     */
    @Test
    void afterAStallTheNextSamplesAreAnIntervalApartNotABurst() throws Exception {
        StallingMeter meter = new StallingMeter(3, 1000);
        SamplingLoop loop = loop(meter, Optional.empty(), new VirtualClock());
        loop.start(Duration.ofMillis(100), false, Map.of("run_id", "r"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (meter.readsAt().size() < 8 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        loop.finish();
        List<Long> reads = meter.readsAt();
        assertTrue(reads.size() >= 8, "reads: " + reads.size());
        for (int i = 4; i < 8; i++) {
            long apartMillis = (reads.get(i) - reads.get(i - 1)) / 1_000_000;
            assertTrue(apartMillis >= 90, "read " + i + " came " + apartMillis + " ms after the one before");
        }
    }

    @Test
    void elapsedTimeAndFlushesFollowTheMonotonicClockWhateverTheWallClockDoes() throws Exception {
        Path file = dir.resolve("run.jsonl");
        VirtualClock clock = new VirtualClock();
        SamplingLoop loop = ledgerOnly(file, Duration.ofSeconds(10), clock);
        loop.begin(false, Map.of());
        int flushedAtStart = Files.readAllLines(file).size();

        clock.advance(Duration.ofSeconds(1));
        loop.tick(); // the first due check flushes
        int afterFirstTick = Files.readAllLines(file).size();
        for (int second = 2; second <= 9; second++) {
            clock.advance(Duration.ofSeconds(1));
            clock.stepWallClock(Duration.ofHours(second % 2 == 0 ? -1 : 3)); // NTP steps back, then far ahead
            loop.tick();
        }
        assertEquals(afterFirstTick, Files.readAllLines(file).size(), "no flush before 10 s of monotonic time");
        assertEquals(9.0, loop.latest().elapsedSeconds(), 1e-9, "elapsed counts monotonic seconds only");
        clock.advance(Duration.ofSeconds(2));
        loop.tick();

        assertEquals(2, flushedAtStart, "start and first sample");
        assertEquals(flushedAtStart + 1, afterFirstTick);
        assertEquals(flushedAtStart + 10, Files.readAllLines(file).size(), "flushed once 10 s passed");
        assertEquals(11.0, loop.latest().elapsedSeconds(), 1e-9);
        loop.finish();
    }

    /**
     * Thinned to one sample a minute with flushes 30 s apart: each written sample is on disk at once, as a kill would
     * otherwise lose the minute before it too; thinned to one in 5 s with flushes an hour apart, the flushes are the
     * ledger's own, no more often than asked.
     */
    @Test
    void aThinnedLedgerFlushesAtOnceTheSamplesWrittenAfterAFlushIntervalLeftOut() throws Exception {
        Path sparse = dir.resolve("sparse.jsonl");
        VirtualClock clock = new VirtualClock();
        SamplingLoop loop = ledgerOnly(sparse, Duration.ofSeconds(30), clock);
        loop.thinLedger(LedgerThinning.every(Duration.ofSeconds(60)));
        loop.begin(false, Map.of());
        for (int second = 1; second <= 120; second++) {
            clock.advance(Duration.ofSeconds(1));
            loop.tick();
        }
        assertEquals(List.of(0.0, 60.0, 120.0), samplesOnDisk(sparse), "on disk before the flush due at 121 s");
        loop.finish();

        Path dense = dir.resolve("dense.jsonl");
        loop = ledgerOnly(dense, Duration.ofHours(1), clock);
        loop.thinLedger(LedgerThinning.every(Duration.ofSeconds(5)));
        loop.begin(false, Map.of());
        for (int second = 1; second <= 12; second++) {
            clock.advance(Duration.ofSeconds(1));
            loop.tick();
        }
        assertEquals(List.of(0.0), samplesOnDisk(dense), "the first sample, flushed with the start; the rest wait");
        loop.finish();
    }

    private static List<Double> samplesOnDisk(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(line -> LedgerRecord.parse(line).orElseThrow())
            .filter(r -> r.get("type").equals("sample")).map(r -> (Double) r.get("elapsed_s")).toList();
    }

    /**
     * Flushes 10 s apart, a sample a second: the counters to export stay at the last sample flushed, which is where a
     * restart would resume, and catch up at each flush; the exporter, told after each sample, sees them caught up.
     */
    @Test
    void theCountersOnRecordAreTheLatestSampleInTheFile() throws Exception {
        Path file = dir.resolve("run.jsonl");
        VirtualClock clock = new VirtualClock();
        SamplingLoop loop = steady(Optional.of(RunLedger.open(file, Duration.ofSeconds(10), w -> { })), clock);
        List<Long> toldOnRecord = new java.util.ArrayList<>();
        loop.afterEachSample(() -> toldOnRecord.add(loop.countersOnRecord().sequence()));
        loop.begin(false, Map.of());
        clock.advance(Duration.ofSeconds(1));
        loop.tick(); // the first due check flushes
        for (int second = 2; second <= 9; second++) {
            clock.advance(Duration.ofSeconds(1));
            loop.tick();
        }

        assertEquals(10, loop.latest().sequence());
        assertEquals(2, loop.countersOnRecord().sequence(), "the last sample flushed");
        assertEquals(lastSampleOnFile(file), loop.countersOnRecord().co2eGrams());
        assertTrue(loop.countersOnRecord().energyJoules().cpu() < loop.latest().energyJoules().cpu());
        clock.advance(Duration.ofSeconds(2));
        loop.tick();
        assertEquals(11, loop.countersOnRecord().sequence(), "caught up at the flush");
        loop.finish();

        assertEquals(12, loop.countersOnRecord().sequence(), "the last sample, on file at the exit");
        assertEquals(lastSampleOnFile(file), loop.countersOnRecord().co2eGrams());
        assertEquals(List.of(1L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 11L, 12L), toldOnRecord);
    }

    /** Thinned to a sample in 5 s, flushed as often: the counters are the last sample written. */
    @Test
    void aThinnedLedgersCountersOnRecordAreTheLastSampleWritten() throws Exception {
        Path file = dir.resolve("run.jsonl");
        VirtualClock clock = new VirtualClock();
        SamplingLoop loop = steady(Optional.of(RunLedger.open(file, Duration.ofSeconds(5), w -> { })), clock);
        loop.thinLedger(LedgerThinning.every(Duration.ofSeconds(5)));
        loop.begin(false, Map.of());
        for (int second = 1; second <= 7; second++) {
            clock.advance(Duration.ofSeconds(1));
            loop.tick();
        }

        assertEquals(5.0, loop.countersOnRecord().elapsedSeconds(), 1e-9);
        assertEquals(lastSampleOnFile(file), loop.countersOnRecord().co2eGrams());
        loop.finish();
    }

    /** No ledger, or one that could not be opened: nothing to resume from keeps up with the run, so the latest. */
    @Test
    void withoutAWorkingLedgerTheCountersAreTheLatest() {
        VirtualClock clock = new VirtualClock();
        SamplingLoop failed = steady(Optional.of(RunLedger.open(dir, Duration.ofSeconds(10), w -> { })), clock);
        SamplingLoop none = steady(Optional.empty(), clock);
        for (SamplingLoop loop : List.of(failed, none)) {
            loop.begin(false, Map.of());
            clock.advance(Duration.ofSeconds(1));
            loop.tick();
            assertEquals(loop.latest(), loop.countersOnRecord());
            loop.finish();
        }
    }

    /**
     * The disk fills after 5 s and has room again at 1300 s, flushes 3 s apart: the counters, behind the file until
     * then, go on from the latest while it refuses writes, never back; the samples that wait for it are one in
     * 600 s; once it takes them, it holds the latest at once and the counters follow it again.
     */
    @Test
    void aDiskFullForAWhileKeepsTheRecordAndTheCountersNeverGoBack() throws Exception {
        Path file = dir.resolve("run.jsonl");
        LimitedDisk disk = new LimitedDisk(Files.newOutputStream(file), Long.MAX_VALUE);
        List<String> warnings = new java.util.ArrayList<>();
        VirtualClock clock = new VirtualClock();
        SamplingLoop loop = steady(Optional.of(RunLedger.writingTo(file, disk, Duration.ofSeconds(3), warnings::add,
            warnings::add)), clock);
        loop.begin(false, Map.of());
        List<Long> onRecord = new java.util.ArrayList<>();
        for (int second = 1; second <= 1310; second++) {
            disk.room = second >= 5 && second < 1300 ? 0 : Long.MAX_VALUE;
            clock.advance(Duration.ofSeconds(1));
            loop.tick();
            onRecord.add(loop.countersOnRecord().sequence());
        }

        // flushed at the start, at 1 s, 4 s; refused at 7 s and at each flush until 1300 s
        assertEquals(List.of(2L, 2L, 2L, 5L, 5L, 5L, 8L, 9L), onRecord.subList(0, 8));
        assertEquals(1300L, onRecord.get(1298), "the latest while the file refused writes");
        for (int i = 1; i < onRecord.size(); i++) {
            assertTrue(onRecord.get(i) >= onRecord.get(i - 1), "never back: " + onRecord.subList(i - 1, i + 1));
        }
        assertEquals(1301L, onRecord.get(1299), "the latest, written at once when the file took writes again");
        assertEquals(1310L, onRecord.get(1309), "the file's again, behind the latest: flushed at 1309 s");
        List<Double> written = Files.readAllLines(file).stream().map(line -> LedgerRecord.parse(line).orElseThrow())
            .filter(r -> r.get("type").equals("sample")).map(r -> (Double) r.get("elapsed_s")).toList();
        List<Double> expected = new java.util.ArrayList<>();
        for (int second = 0; second <= 7; second++) {
            expected.add((double) second);
        }
        expected.addAll(List.of(607.0, 1207.0));
        for (int second = 1300; second <= 1309; second++) {
            expected.add((double) second);
        }
        assertEquals(expected, written, "every second until the refusal, one in 600 s while it lasted");
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("No space left on device"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("the ledger " + file + " takes writes again"), warnings.get(1));
        loop.finish();
    }

    private static double lastSampleOnFile(Path file) throws java.io.IOException {
        List<Map<String, Object>> samples = Files.readAllLines(file).stream()
            .map(line -> LedgerRecord.parse(line).orElseThrow()).filter(r -> r.get("type").equals("sample")).toList();
        return (Double) samples.get(samples.size() - 1).get("co2e_g");
    }

    /** A loop with no energy, no console and no forecast to speak of, writing {@code file}, on {@code clock}. */
    private static SamplingLoop ledgerOnly(Path file, Duration flushEvery, VirtualClock clock) {
        return loop(new FixedMeter(Components.ZERO), Optional.of(RunLedger.open(file, flushEvery, w -> { })), clock);
    }

    /** A loop drawing 3600 J of CPU energy a sample, with no console and no forecast to speak of. */
    private static SamplingLoop steady(Optional<RunLedger> ledger, VirtualClock clock) {
        return loop(new SteadyMeter(3600), ledger, clock);
    }

    private static SamplingLoop loop(PowerMeter meter, Optional<RunLedger> ledger, VirtualClock clock) {
        return new SamplingLoop("r", new TrainingProgress(false, OptionalLong.empty(), OptionalLong.empty()),
            meter, CARBON, Optional.empty(), ledger, Optional.empty(), Duration.ofHours(1),
            new RunForecaster(OptionalDouble.empty(), Optional.empty()), clock, new AgentErrors(w -> { }));
    }

    @Test
    void aFailingTickIsCountedAndSaidOnceAndTheNextOneRuns() {
        List<String> warnings = new java.util.ArrayList<>();
        AgentErrors errors = new AgentErrors(warnings::add);
        FailingMeter meter = new FailingMeter();
        SamplingLoop loop = new SamplingLoop("r", new TrainingProgress(false, OptionalLong.empty(), OptionalLong.empty()),
            meter, CARBON, Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofHours(1),
            new RunForecaster(OptionalDouble.empty(), Optional.empty()), new VirtualClock(), errors);
        loop.begin(false, Map.of());

        meter.failing = true;
        loop.tick();
        loop.tick();
        meter.failing = false;
        loop.tick();

        assertEquals(2L, errors.counts().get("tick"));
        assertEquals(0L, errors.counts().get("gpu_read"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("a sampling tick failed, the next one tries again: java.lang.IllegalStateException: "
            + "meter broke (counted in oce_agent_errors_total{kind=\"tick\"}"), warnings.get(0));
        assertEquals(2, loop.latest().sequence(), "the first sample, then the tick after the failures");
    }

    /**
     * Each interval is charged at the intensity over it: 3600 J a second, 100 g/kWh for 5 s then 600 (an intensity
     * file), PUE 1.2; the ledger records each sample's intensity and source, and a resumed run's CO2e goes on from
     * where it stopped.
     */
    @Test
    void eachIntervalIsChargedTheIntensityInForceAndTheLedgerSaysWhich() throws Exception {
        Path file = dir.resolve("run.jsonl");
        VirtualClock clock = new VirtualClock();
        Instant step = clock.wallTime().plusSeconds(5);
        GridFeed grid = RunForecasterTest.fileFeed(dir, clock.wallTime().minusSeconds(60) + ",100,actual\n" + step
            + ",600,forecast\n");
        CarbonFactors carbon = new CarbonFactors("X", 0.481, 1.2);
        ResumePoint resumed = new ResumePoint(3, 30, 0, 0, 0, 0, new Components(0, 7200, 0), 7.5, 0, OptionalLong.empty());
        TrainingProgress progress = new TrainingProgress(false, OptionalLong.empty(), OptionalLong.empty());
        SamplingLoop loop = new SamplingLoop("r", progress, new SteadyMeter(3600), carbon, Optional.of(resumed),
            Optional.of(RunLedger.open(file, Duration.ofHours(1), w -> { })), Optional.empty(), Duration.ofHours(1),
            new RunForecaster(OptionalDouble.empty(), Optional.empty()), clock, new AgentErrors(w -> { }), grid,
            BudgetWatch.none());
        loop.begin(true, Map.of());
        for (int second = 1; second <= 10; second++) {
            clock.advance(Duration.ofSeconds(1));
            loop.tick();
        }
        loop.finish();

        List<Map<String, Object>> samples = Files.readAllLines(file).stream()
            .map(line -> LedgerRecord.parse(line).orElseThrow()).filter(r -> !"start".equals(r.get("type"))).toList();
        double expected = 7.5;
        double previousJoules = 7200;
        for (Map<String, Object> sample : samples) {
            double joules = (Double) ((Map<?, ?>) sample.get("energy_j")).get("cpu");
            expected += (joules - previousJoules) / 3.6e6 * 1.2 * (Double) sample.get("ci_g_per_kwh");
            previousJoules = joules;
            assertEquals("file", sample.get("ci_source"));
            assertEquals(expected, (Double) sample.get("co2e_g"), 1e-9);
        }
        assertEquals(100.0, samples.get(5).get("ci_g_per_kwh"), "from 4 to 5 s, all before the step");
        assertEquals(600.0, samples.get(6).get("ci_g_per_kwh"), "from 5 to 6 s, after it");
        assertEquals(7.5 + 6 * 3600 / 3.6e6 * 1.2 * 100 + 6 * 3600 / 3.6e6 * 1.2 * 600, loop.latest().co2eGrams(),
            1e-9, "the first sample and seconds 1-5 at 100; seconds 6-10 and the last sample at 600");
        assertEquals(0.6, loop.latest().carbon().kgPerKwh(), 1e-12);
        assertEquals("file", loop.latest().carbon().source());
    }

    /**
     * A job suspended for 3 hours (its sampler with it) brings the energy of those hours with its next sample: it is
     * charged the intensity over them, a file's 100, 300 and 500 g/kWh hours, not the last hour's alone.
     */
    @Test
    void anIntervalOfHoursIsChargedTheMeanOverIt() throws Exception {
        VirtualClock clock = new VirtualClock();
        Instant start = clock.wallTime();
        GridFeed grid = RunForecasterTest.fileFeed(dir, start.minusSeconds(60) + ",100,actual\n"
            + start.plusSeconds(3600) + ",300,actual\n" + start.plusSeconds(7200) + ",500,actual\n");
        TrainingProgress progress = new TrainingProgress(false, OptionalLong.empty(), OptionalLong.empty());
        SamplingLoop loop = new SamplingLoop("r", progress, new SteadyMeter(3.6e6), new CarbonFactors("X", 0.481, 1),
            Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofHours(1),
            new RunForecaster(OptionalDouble.empty(), Optional.empty()), clock, new AgentErrors(w -> { }), grid,
            BudgetWatch.none());
        loop.begin(false, Map.of());
        double before = loop.latest().co2eGrams();
        clock.advance(Duration.ofHours(3));
        loop.tick();

        assertEquals(300, loop.latest().carbon().kgPerKwh() * 1000, 1e-9, "the mean of the three hours");
        assertEquals(300, loop.latest().co2eGrams() - before, 1e-9, "1 kWh at 300 g/kWh");
    }

    /** A meter that adds the same energy to the CPU at every reading. */
    static final class SteadyMeter implements PowerMeter {
        private final double joulesPerReading;

        SteadyMeter(double joulesPerReading) {
            this.joulesPerReading = joulesPerReading;
        }

        @Override
        public String status() {
            return "steady meter";
        }

        @Override
        public PowerReading read() {
            return new PowerReading(new Components(0, joulesPerReading, 0), new Components(0, joulesPerReading, 0),
                List.of());
        }

        @Override
        public void close() {
        }
    }

    /** A meter that breaks its contract and throws while {@code failing}. */
    static final class FailingMeter implements PowerMeter {
        volatile boolean failing;

        @Override
        public String status() {
            return "failing meter";
        }

        @Override
        public PowerReading read() {
            if (failing) {
                throw new IllegalStateException("meter broke");
            }
            return PowerReading.NONE;
        }

        @Override
        public void close() {
        }
    }

    /** A meter whose reading number {@code stalled} takes {@code millis}; it notes when each reading began. */
    static final class StallingMeter implements PowerMeter {
        private final int stalled;
        private final long millis;
        private final List<Long> readsAt = new java.util.ArrayList<>();

        StallingMeter(int stalled, long millis) {
            this.stalled = stalled;
            this.millis = millis;
        }

        @Override
        public String status() {
            return "stalling meter";
        }

        @Override
        public PowerReading read() {
            int reading;
            synchronized (this) {
                reading = readsAt.size();
                readsAt.add(System.nanoTime());
            }
            if (reading == stalled) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new PowerReading(Components.ZERO, Components.ZERO, List.of());
        }

        synchronized List<Long> readsAt() {
            return List.copyOf(readsAt);
        }

        @Override
        public void close() {
        }
    }

    /** A meter whose first reading brings all its energy and later ones none, as if the job had gone idle. */
    static final class FixedMeter implements PowerMeter {
        private final Components energy;
        private boolean read;

        FixedMeter(Components energy) {
            this.energy = energy;
        }

        @Override
        public String status() {
            return "fixed meter";
        }

        @Override
        public synchronized PowerReading read() {
            Components added = read ? Components.ZERO : energy;
            read = true;
            return new PowerReading(new Components(1, 1, 1), added, List.of());
        }

        @Override
        public void close() {
        }
    }
}
