package org.opencarboneval.agent.runtime;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.opencarboneval.agent.ledger.LedgerRecord;
import org.opencarboneval.agent.ledger.ResumePoint;
import org.opencarboneval.agent.ledger.RunLedger;
import org.opencarboneval.agent.progress.TrainingProgress;

/**
 * Every {@code interval}: reads the power meter and the step counters, updates the energy account, publishes a new
 * {@link RunSnapshot} (and tells the exporter), appends it to the ledger and now and then prints the console line.
 * Runs on one daemon thread; {@link #finish} writes the last sample and the end record from the shutdown hook.
 */
public final class SamplingLoop {

    private final String runId;
    private final TrainingProgress progress;
    private final PowerMeter meter;
    private final EnergyAccount energy;
    private final CarbonFactors carbon;
    private final Optional<RunLedger> ledger;
    private final Optional<PrintStream> console;
    private final Duration consoleInterval;
    private final Instant startedAt = Instant.now();
    private final ResumePoint resumed;
    private final Throughput throughput = new Throughput();
    private final RunForecaster forecaster;
    private final AtomicReference<RunSnapshot> latest = new AtomicReference<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "opencarboneval-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Runnable afterEachSample = () -> { };
    private long sequence;
    private Instant lastConsole;

    SamplingLoop(String runId, TrainingProgress progress, PowerMeter meter, CarbonFactors carbon,
            Optional<ResumePoint> resumed, Optional<RunLedger> ledger, Optional<PrintStream> console,
            Duration consoleInterval, RunForecaster forecaster) {
        this.forecaster = forecaster;
        this.runId = runId;
        this.progress = progress;
        this.meter = meter;
        this.carbon = carbon;
        this.resumed = resumed.orElse(new ResumePoint(0, 0, 0, 0, 0, Components.ZERO, 0));
        this.energy = new EnergyAccount(carbon, this.resumed.energyJoules(), this.resumed.co2eGrams());
        this.sequence = this.resumed.sequence();
        this.ledger = ledger;
        this.console = console;
        this.consoleInterval = consoleInterval;
        this.lastConsole = startedAt;
    }

    /** The latest snapshot; the exporter and the forecaster read this. */
    public RunSnapshot latest() {
        return latest.get();
    }

    /** Runs right after each new snapshot is published, on the sampling thread; it must not throw. */
    void afterEachSample(Runnable listener) {
        afterEachSample = listener;
    }

    void start(Duration interval, boolean resumedRun, java.util.Map<String, String> settings) {
        RunSnapshot first = sample(Instant.now());
        ledger.ifPresent(l -> {
            l.append(LedgerRecord.start(first, resumedRun, meter.status(), settings));
            l.append(LedgerRecord.sample(first));
            l.flush();
        });
        long period = Math.max(1, interval.toMillis());
        timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            Instant now = Instant.now();
            RunSnapshot snapshot = sample(now);
            ledger.ifPresent(l -> {
                l.append(LedgerRecord.sample(snapshot));
                l.flushIfDue(now);
            });
            if (console.isPresent() && !now.isBefore(lastConsole.plus(consoleInterval))) {
                lastConsole = now;
                console.get().println(ConsoleReport.line(snapshot));
            }
        } catch (Throwable failure) {
            // a failed sample must not end the loop; the next one tries again
        }
    }

    /** The last sample and the end record, then the summary; called once, at shutdown. */
    void finish() {
        timer.shutdown();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RunSnapshot last = sample(Instant.now());
        ledger.ifPresent(l -> {
            l.append(LedgerRecord.sample(last));
            l.append(LedgerRecord.end(last));
            l.close();
        });
        console.ifPresent(c -> c.println(ConsoleReport.summary(last)));
        meter.close();
    }

    private synchronized RunSnapshot sample(Instant now) {
        PowerReading reading = meter.read();
        energy.add(reading.energyJoules());
        double sinceStart = Duration.between(startedAt, now).toNanos() / 1e9;
        long steps = progress.steps();
        double elapsed = resumed.elapsedSeconds() + sinceStart;
        Optional<RunForecast> forecast = forecaster.update(elapsed, steps, progress.epochs(), energy.energy().total(), energy.co2eGrams(),
            progress.total(), reading.gpus(), carbon);
        RunSnapshot snapshot = new RunSnapshot(runId, ++sequence, startedAt, now, elapsed,
            steps, progress.samples(), progress.epochs(), progress.total(), throughput.add(sinceStart, steps),
            reading.powerWatts(), energy.energy(), reading.gpus(), energy.co2eGrams(), carbon, forecast,
            forecaster.estimateGrams());
        latest.set(snapshot);
        afterEachSample.run();
        return snapshot;
    }
}
