package org.opencarboneval.agent.runtime;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import org.opencarboneval.agent.grid.GridFeed;
import org.opencarboneval.agent.ledger.LedgerRecord;
import org.opencarboneval.agent.ledger.ResumePoint;
import org.opencarboneval.agent.ledger.RunLedger;
import org.opencarboneval.agent.progress.TrainingProgress;

/**
 * Every {@code interval}: reads the power meter and the step counters, updates the energy account, publishes a new
 * {@link RunSnapshot}, appends it to the ledger, tells the exporter and now and then prints the console line.
 * Runs on one daemon thread; elapsed time and every interval are measured on the {@link AgentClock}'s monotonic
 * clock, the wall clock only labels the snapshots. {@link #finish} writes the last sample and the end record from the shutdown hook.
 */
public final class SamplingLoop {

    /** How long {@link #finish} lets a tick in progress end; the whole exit is bounded by the shutdown hook. */
    private static final long FINISH_WAIT_MILLIS = 300;

    private final String runId;
    private final TrainingProgress progress;
    private final PowerMeter meter;
    private final EnergyAccount energy;
    private final CarbonFactors carbon;
    private final Optional<SnapshotLedger> ledger;
    private final Optional<PrintStream> console;
    private final Duration consoleInterval;
    private final AgentClock clock;
    private final AgentErrors errors;
    private final Instant startedAt;
    private final long startedNanos;
    private final ResumePoint resumed;
    /** Seconds since start at the latest sample: the interval its GPU shares are charged for ends there. */
    private double lastSampleSeconds;
    private final Throughput throughput = new Throughput();
    private final RunForecaster forecaster;
    private final GridFeed grid;
    private final BudgetWatch budgets;
    private final AtomicReference<RunSnapshot> latest = new AtomicReference<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "opencarboneval-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Runnable> afterEachSample = new CopyOnWriteArrayList<>();
    private long sequence;
    private long lastConsoleNanos;

    /** At the table's intensity, without budgets. */
    SamplingLoop(String runId, TrainingProgress progress, PowerMeter meter, CarbonFactors carbon,
            Optional<ResumePoint> resumed, Optional<RunLedger> ledger, Optional<PrintStream> console,
            Duration consoleInterval, RunForecaster forecaster, AgentClock clock, AgentErrors errors) {
        this(runId, progress, meter, carbon, resumed, ledger, console, consoleInterval, forecaster, clock, errors,
            GridFeed.table(carbon.kgPerKwh() * 1000), BudgetWatch.none());
    }

    /** Each interval is charged at the intensity {@code grid} gives over it ({@link GridFeed#over}). */
    SamplingLoop(String runId, TrainingProgress progress, PowerMeter meter, CarbonFactors carbon,
            Optional<ResumePoint> resumed, Optional<RunLedger> ledger, Optional<PrintStream> console,
            Duration consoleInterval, RunForecaster forecaster, AgentClock clock, AgentErrors errors, GridFeed grid,
            BudgetWatch budgets) {
        this.grid = grid;
        this.budgets = budgets;
        this.forecaster = forecaster;
        this.clock = clock;
        this.errors = errors;
        this.startedAt = clock.wallTime();
        this.startedNanos = clock.monotonicNanos();
        this.runId = runId;
        this.progress = progress;
        this.meter = meter;
        this.carbon = carbon;
        this.resumed = resumed.orElse(new ResumePoint(0, 0, 0, 0, 0, 0, Components.ZERO, 0, 0,
            OptionalLong.empty()));
        this.energy = new EnergyAccount(carbon, this.resumed.energyJoules(), this.resumed.co2eGrams(),
            this.resumed.gpuSeconds());
        this.sequence = this.resumed.sequence();
        this.ledger = ledger.map(SnapshotLedger::new);
        this.console = console;
        this.consoleInterval = consoleInterval;
        this.lastConsoleNanos = startedNanos;
    }

    /** The latest snapshot; the exporter and the forecaster read this. */
    public RunSnapshot latest() {
        return latest.get();
    }

    /**
     * The snapshot the exported counters are read from: the latest one in the ledger, where a restart would resume,
     * so that they never come back lower after a kill; the latest one where there is no ledger, or its file does not
     * follow the run ({@link SnapshotLedger}). Null before the first sample.
     */
    RunSnapshot countersOnRecord() {
        return ledger.isPresent() ? ledger.get().counters() : latest.get();
    }

    /** Adds a listener run right after each new snapshot is recorded, on the sampling thread; it must not throw. */
    void afterEachSample(Runnable listener) {
        afterEachSample.add(listener);
    }

    /** Writes the ledger samples {@code thinning} keeps instead of every sample; before start. */
    void thinLedger(LedgerThinning thinning) {
        ledger.ifPresent(l -> l.thin(thinning));
    }

    void start(Duration interval, boolean resumedRun, java.util.Map<String, String> settings) {
        begin(resumedRun, settings);
        long period = Math.max(1, interval.toMillis());
        // A delay, not a rate: after a stall (a suspended job, a hung driver call, a file system that holds a flush)
        // a rate would run every missed tick at once, a burst of samples milliseconds apart; the counters bring the
        // stall's energy with the next sample either way.
        timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** The first sample and the start record; {@link #start} then ticks on the timer, a test by hand. */
    void begin(boolean resumedRun, java.util.Map<String, String> settings) {
        sampleAndRecord((records, first) -> records.begin(LedgerRecord.start(first, resumedRun, meter.status(),
            settings, JobRank.current(), forecaster.estimateDeviceJoules()), first));
    }

    /** One sampling interval: a failure is counted and the next tick tries again, the loop never ends on one. */
    void tick() {
        try {
            RunSnapshot snapshot = sampleAndRecord((records, sample) -> records.sample(sample, clock.monotonicNanos()));
            long now = clock.monotonicNanos();
            if (console.isPresent() && now - lastConsoleNanos >= consoleInterval.toNanos()) {
                lastConsoleNanos = now;
                console.get().println(ConsoleReport.line(snapshot, JobRank.current())
                    + (grid.configured() ? ConsoleReport.gridSuffix(snapshot) : ""));
            }
        } catch (Throwable failure) {
            errors.count(AgentErrors.Kind.TICK, "a sampling tick failed, the next one tries again: " + failure);
        }
    }

    /** The failures survived so far, per kind. */
    AgentErrors errors() {
        return errors;
    }

    /** The last sample and the end record, then the summary; called once, at shutdown. */
    void finish() {
        timer.shutdown();
        try {
            timer.awaitTermination(FINISH_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RunSnapshot last = sampleAndRecord(SnapshotLedger::end);
        console.ifPresent(c -> c.println(ConsoleReport.summary(last, JobRank.current())));
        meter.close();
    }

    /** The budgets this loop watches, for the exporter. */
    BudgetWatch budgets() {
        return budgets;
    }

    /**
     * A new snapshot, written to the ledger by {@code record}, then the listeners told; one at a time, so that the
     * exit's last sample, should a tick outlive its wait, neither interleaves with the tick's nor is told out of turn.
     */
    private synchronized RunSnapshot sampleAndRecord(BiConsumer<SnapshotLedger, RunSnapshot> record) {
        RunSnapshot snapshot = sample();
        ledger.ifPresent(records -> record.accept(records, snapshot));
        afterEachSample.forEach(Runnable::run);
        return snapshot;
    }

    private RunSnapshot sample() {
        PowerReading reading = meter.read();
        Instant now = clock.wallTime();
        RunSnapshot previous = latest.get();
        // the energy read now was drawn since the last sample, over whatever slots of the grid that spanned
        CarbonFactors inForce = carbon.inForce(previous == null ? grid.at(now) : grid.over(previous.at(), now));
        energy.add(reading.addedJoules(), inForce);
        double sinceStart = (clock.monotonicNanos() - startedNanos) / 1e9;
        // charged with this reading's shares, as its energy is
        energy.addGpuTime(sinceStart - lastSampleSeconds, reading.chargedGpus());
        lastSampleSeconds = sinceStart;
        long counted = progress.countedSteps(); // read once: the position and the steps trained are of one moment
        long steps = progress.positionAt(counted);
        double elapsed = resumed.elapsedSeconds() + sinceStart;
        Optional<RunForecast> forecast;
        try {
            forecast = forecaster.update(elapsed, steps, progress.epochs(), energy.energy().total(),
                energy.co2eGrams(), progress.total(), reading.gpus(), inForce, grid, now);
        } catch (RuntimeException failure) {
            errors.count(AgentErrors.Kind.FORECAST, failure);
            forecast = previous == null ? Optional.empty() : previous.forecast();
        }
        RunSnapshot snapshot = new RunSnapshot(runId, ++sequence, startedAt, now, elapsed,
            steps, resumed.stepsTrained() + counted, progress.samples(), progress.epochs(),
            progress.total(), throughput.add(sinceStart, steps),
            reading.powerWatts(), energy.energy(), energy.gpuSeconds(), reading.gpus(), energy.co2eGrams(), inForce,
            forecast,
            forecaster.estimateGrams());
        latest.set(snapshot);
        budgets.check(snapshot);
        return snapshot;
    }
}
