package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.FakeNvml;
import org.opencarboneval.agent.hook.TrainingHooks;
import org.opencarboneval.agent.ledger.LedgerRecord;
import org.opencarboneval.agent.ledger.RunLedger;
import org.opencarboneval.agent.progress.TrainingProgress;
import org.opencarboneval.exporter.ExporterOptions;
import org.opencarboneval.exporter.MetricsExporter;
import org.opencarboneval.exporter.StartResult;
import org.opencarboneval.nvml.GpuSampler;
import org.opencarboneval.nvml.NvmlOptions;

/**
 * A long run at 1 s samples in virtual time ({@link #SPAN}): the real sampling loop, energy account, forecaster,
 * ledger and exporter over the NVML stand-in, with NVML errors, a GPU lost at a quarter of the run, the host sensor
 * failing now and then, the ledger's disk filling up early for good and the wall clock stepped back an hour
 * half-way. Totals must equal the scripted truth to the joule, the heap must not grow with the run (the records
 * waiting for the full disk included), and a forecast must be there throughout.
 */
class VirtualTimeSoakTest {

    /** The simulated span: two weeks at one sample a second. */
    private static final Duration SPAN = Duration.ofDays(14);
    private static final long SECONDS = SPAN.toSeconds();
    /** How often the heap is measured: twelve times over the span. */
    private static final long HEAP_EVERY = SECONDS / 12;
    /** The stand-in's default counter: 100 J per energy reading, one reading per sample. */
    private static final double JOULES_PER_READING = 100;
    /** GPU 1 answers this many power readings (the sampler's baseline at open included), then is lost. */
    private static final int GPU_1_LOST_AFTER = (int) (SECONDS / 4);
    private static final long LEDGER_DISK_BYTES = 1 << 20;
    /** The forecast appears once this much of the run is seen. */
    private static final long FORECAST_WARM_UP_SECONDS = 600;
    /** How far into the run a forecast must be present: all of it. */
    private static final long FORECAST_REQUIRED_UNTIL_SECONDS = SECONDS;
    private static final long HEAP_GROWTH_LIMIT_BYTES = 16L << 20;
    /** The host sensor's calls that throw: about one in three hours. */
    private static final LongPredicate HOST_FAILS = call -> call % 9_973 == 17;

    @TempDir
    Path directory;

    @Test
    void aLongRunOfFaultsCountsEveryJouleOnceInBoundedMemory() throws Exception {
        VirtualClock clock = new VirtualClock();
        List<String> warnings = new ArrayList<>();
        AgentErrors errors = new AgentErrors(warnings::add);
        Path library = FakeNvml.scripted(directory, "gpus 2", "gpu 0 uuid GPU-a", "gpu 1 uuid GPU-b",
            "gpu 0 power 300000,fail,300000,fail,fail,300000", "gpu 1 lost_after " + GPU_1_LOST_AFTER);
        ScriptedHost host = new ScriptedHost(HOST_FAILS, 30);
        PowerMeter meter = new BridgePowerMeter(GpuSampler.open(new NvmlOptions(Optional.of(library.toString()),
            Map.of(), 100)), host, errors, warnings::add);
        Path ledgerFile = directory.resolve("soak.jsonl");
        RunLedger ledger = RunLedger.writingTo(ledgerFile, new LimitedDisk(Files.newOutputStream(ledgerFile),
            LEDGER_DISK_BYTES), Duration.ofSeconds(5), problem -> errors.count(AgentErrors.Kind.LEDGER_WRITE, problem),
            warnings::add);
        long stepsBefore = TrainingHooks.USER_STEPS.get();
        TrainingProgress progress = new TrainingProgress(true, OptionalLong.of(2 * SECONDS), OptionalLong.empty());
        SamplingLoop loop = new SamplingLoop("soak", progress, meter, new CarbonFactors("X", 0.4, 1.0), Optional.empty(),
            Optional.of(ledger), Optional.empty(), Duration.ofHours(1),
            new RunForecaster(OptionalDouble.empty(), Optional.empty()), clock, errors);
        RunViews views = new RunViews("soak", Optional.empty(), "setting ci", JobRank.NONE);
        StartResult started = MetricsExporter.start(ExporterOptions.plain("127.0.0.1", 0),
            () -> views.view(loop), warnings::add);
        MetricsExporter exporter = started.exporter().orElseThrow();
        loop.afterEachSample(exporter::refresh);

        List<Long> heapAfterGc = new ArrayList<>();
        long forecastGoneAt = -1;
        loop.begin(false, Map.of());
        for (long second = 1; second <= SECONDS; second++) {
            clock.advance(Duration.ofSeconds(1));
            TrainingHooks.userStep();
            if (second == SECONDS / 2) {
                clock.stepWallClock(Duration.ofHours(-1));
            }
            loop.tick();
            if (forecastGoneAt < 0 && second >= FORECAST_WARM_UP_SECONDS && loop.latest().forecast().isEmpty()) {
                forecastGoneAt = second;
            }
            if (second % HEAP_EVERY == 0) {
                heapAfterGc.add(usedHeapAfterGc());
            }
        }
        String metrics = scrape(((StartResult.Started) started).baseUrl().resolve("/metrics"));
        loop.finish();
        exporter.close();

        long readings = SECONDS + 1; // the first sample and one per tick, each reading every live counter once
        double gpuTruth = JOULES_PER_READING * readings + JOULES_PER_READING * (GPU_1_LOST_AFTER - 1);
        RunSnapshot last = loop.latest();
        // finish() took one more sample: one more reading of GPU 0 and of the host
        assertEquals(gpuTruth + JOULES_PER_READING, last.energyJoules().gpu(), 1e-6);
        assertEquals(host.cpuJoulesSoFar(), last.energyJoules().cpu(), 1e-6);
        assertEquals(host.cpuJoulesSoFar() / 10, last.energyJoules().dram(), 1e-6);
        assertEquals(JOULES_PER_READING * (GPU_1_LOST_AFTER - 1), last.gpus().get(1).energyJoules(), 1e-6,
            "the lost GPU keeps what it measured");
        assertEquals(SECONDS, last.elapsedSeconds(), 1e-6, "the wall clock's step moves no elapsed second");
        assertEquals(SECONDS, last.steps() - stepsBefore);
        assertEquals(gpuTruth, scraped(metrics, "oce_energy_joules_total{component=\"gpu\",run_id=\"soak\"}"), 1e-6);

        Map<String, Long> counted = errors.counts();
        assertEquals(LongStream.rangeClosed(0, readings).filter(HOST_FAILS).count(), counted.get("host_read"));
        assertEquals(1L, counted.get("ledger_write"), "the full disk is said once, then records wait for it");
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("cannot write the ledger " + ledgerFile + " at exit")),
            "the records that waited, one in ten minutes, are lost only at the exit: " + warnings);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("No space left on device")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("GPU 1 (Fake GPU 1) was lost")), warnings.toString());
        List<String> written = Files.readAllLines(ledgerFile);
        assertTrue(written.size() > 1000, "the ledger had room for a while: " + written.size());
        written.forEach(line -> assertTrue(LedgerRecord.parse(line).isPresent(), "a whole record: " + line));

        // Growth with the run raises even the least reading of the later third above the first's; readings caught
        // with something briefly held (two of four, on a machine busy with other builds) are not growth.
        int third = heapAfterGc.size() / 3;
        long early = least(heapAfterGc.subList(0, third));
        long late = least(heapAfterGc.subList(heapAfterGc.size() - third, heapAfterGc.size()));
        assertTrue(late - early < HEAP_GROWTH_LIMIT_BYTES, "heap after GC every twelfth of the span (bytes): "
            + heapAfterGc);
        System.out.println("[soak] heap in use after GC every twelfth of the span (MB): " + heapAfterGc.stream()
            .map(bytes -> String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0)).toList());

        long required = FORECAST_REQUIRED_UNTIL_SECONDS;
        assertTrue(forecastGoneAt < 0 || forecastGoneAt > required, "the forecast was gone at second "
            + forecastGoneAt + ", before " + required);
    }

    private static double scraped(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
            .map(line -> Double.parseDouble(line.substring(series.length() + 1).strip()))
            .orElseThrow(() -> new AssertionError(series + " not in " + metrics));
    }

    private static long least(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    /** The least heap in use over three collections: one collection may find the concurrent cycle half done. */
    private static long usedHeapAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static String scrape(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }
}
