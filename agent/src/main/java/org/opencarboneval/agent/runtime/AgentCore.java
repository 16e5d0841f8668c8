package org.opencarboneval.agent.runtime;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.CalibrationSetting;
import org.opencarboneval.agent.config.SettingSources;
import org.opencarboneval.agent.config.SettingsException;
import org.opencarboneval.agent.grid.GridFeed;
import org.opencarboneval.agent.grid.GridPoller;
import org.opencarboneval.agent.grid.GridProviders;
import org.opencarboneval.agent.grid.IntensityProvider;
import org.opencarboneval.agent.hook.TrainingHooks;
import org.opencarboneval.agent.instrument.TargetTransformer;
import org.opencarboneval.agent.instrument.Targets;
import org.opencarboneval.agent.jfr.FlightEvents;
import org.opencarboneval.agent.ledger.LedgerRun;
import org.opencarboneval.agent.ledger.ResumePoint;
import org.opencarboneval.agent.ledger.RunLedger;
import org.opencarboneval.agent.progress.TrainingProgress;
import org.opencarboneval.calibration.Calibration;
import org.opencarboneval.exporter.MetricsExporter;
import org.opencarboneval.exporter.otlp.OtlpPush;

/**
 * The agent proper, entered from the bootstrap agent inside the isolated class loader.
 *
 * <p>Synchronous part, before the application's {@code main}: validate the settings (any problem: one line, and the
 * agent does nothing else), install the name-matching transformer so no step is missed. Everything slow (Byte Buddy's
 * classes, power sensors, the ledger, the sampling loop, the metrics endpoint) starts on a daemon thread.
 */
public final class AgentCore {

    /** Set in the monitored JVM to {@code running <run_id>} or {@code off: <reason>}; the attach command reads it. */
    public static final String STATUS_PROPERTY = "opencarboneval.agent.status";
    /** Set with the status: {@link AgentSettings#fingerprint} of the running agent's arguments, for attach. */
    public static final String ARGUMENTS_PROPERTY = "opencarboneval.agent.arguments";

    /**
     * How long an attach waits for sampling to begin: the attach command returns when the agent samples, so that
     * what it reports is true, yet a sensor that hangs cannot hold it (nor the JVM's attach listener) for long.
     */
    static final long ATTACH_WAIT_MILLIS = 10_000;
    /** All the exit's work (last sample, ledger flush, end record, server stop) ends within this, or is left. */
    static final long EXIT_BUDGET_MILLIS = 1_000;
    /**
     * After this the background start says where it is: it takes about a second, and a two-week ledger's replay on a
     * slow disk some ten (RESULTS.md).
     */
    static final long START_PATIENCE_MILLIS = 20_000;

    private static final AgentErrors ERRORS = new AgentErrors(AgentCore::warn);
    /** Guards the hand-over between the background start and the exit: sampling begins only before the exit. */
    private static final Object START_OR_EXIT = new Object();
    private static boolean exiting;
    private static boolean samplingBegun;

    private static volatile Thread starter;
    private static volatile SamplingLoop loop;
    private static volatile Optional<MetricsExporter> exporter = Optional.empty();
    private static volatile Optional<OtlpPush> otlp = Optional.empty();

    private AgentCore() {
    }

    /**
     * The agent into a JVM that is already running, returning once sampling has begun: nothing waits on an attach but
     * the attach command, and a training that ends right after it must still be measured from it.
     */
    public static boolean attach(Instrumentation instrumentation, String arguments) {
        boolean running = begin(instrumentation, arguments);
        Thread starting = starter;
        if (running && starting != null) {
            StartWatch.stillStartingAfter(starting, ATTACH_WAIT_MILLIS).ifPresent(place -> warn("sampling has not "
                + "begun " + ATTACH_WAIT_MILLIS / 1000 + " s after the attach (the start is in " + place + "); it "
                + "begins when the sensors are ready, steps are counted meanwhile"));
        }
        return running;
    }

    /**
     * Before {@code main}: returns whether the agent runs, false when it stayed off (the reason is on stderr and in
     * the status); a start that outlasts {@link #START_PATIENCE_MILLIS} says where it waits.
     */
    public static boolean start(Instrumentation instrumentation, String arguments) {
        boolean running = begin(instrumentation, arguments);
        Thread starting = starter;
        if (running && starting != null) {
            StartWatch.watch(starting, START_PATIENCE_MILLIS, AgentCore::warn);
        }
        return running;
    }

    /** Instruments at once and starts the rest in the background; false when the agent stayed off. */
    private static boolean begin(Instrumentation instrumentation, String arguments) {
        AgentSettings settings;
        Optional<CarbonFactors> validatedCarbon;
        Optional<IntensityProvider> provider;
        Optional<Calibration> calibration;
        try {
            settings = AgentSettings.parse(arguments, SettingSources.system());
            calibration = CalibrationSetting.of(settings);
            // A configured region must be valid before anything is instrumented; without one, nothing can be wrong,
            // and the grid tables (40 ms) load in the background.
            validatedCarbon = settings.region().isPresent() ? Optional.of(CarbonFactors.of(settings, AgentCore::warn)) : Optional.empty();
            provider = GridProviders.from(settings, AgentCore::warn);
        } catch (SettingsException e) {
            String line = e.getMessage() + "; the agent is off and the application runs without it";
            warn(line);
            System.setProperty(STATUS_PROPERTY, "off: " + line);
            return false;
        }
        TargetTransformer transformer = new TargetTransformer(Targets.of(settings.stepMethod()), AgentCore::warn);
        try {
            String runId = RunId.choose(settings.runId(), System.getenv());
            RunId.unsharedWarning(settings.runId(), System.getenv(), JobRank.current(), runId)
                .ifPresent(AgentCore::warn);
            TrainingProgress progress = new TrainingProgress(settings.stepMethod().isPresent(), settings.totalSteps(),
                settings.totalEpochs(), AgentCore::warn);
            TrainingHooks.setListener(progress);
            TargetTransformer.warmUpInBackground();
            transformer.install(instrumentation);
            Thread starting = new Thread(() -> startSampling(settings, validatedCarbon, provider, calibration, runId,
                progress), "opencarboneval-start");
            starting.setDaemon(true);
            starter = starting;
            starting.start();
            // Registered now, not when sampling is up: a job that ends just after its sampling began must still get
            // its last sample and end record; one that ends before does not wait for the start (see startSampling).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> finishAtExit(starting), "opencarboneval-shutdown"));
            System.setProperty(ARGUMENTS_PROPERTY, AgentSettings.fingerprint(arguments));
            System.setProperty(STATUS_PROPERTY, "running " + runId);
            return true;
        } catch (Throwable failure) {
            instrumentation.removeTransformer(transformer);
            TrainingHooks.setListener(null);
            warn("agent not started, the application runs without it: " + failure);
            System.setProperty(STATUS_PROPERTY, "off: " + failure);
            return false;
        }
    }

    /** The run's latest snapshot, or null before the first sample; for the exporter and the forecaster. */
    public static RunSnapshot latest() {
        SamplingLoop current = loop;
        return current == null ? null : current.latest();
    }

    /**
     * Everything slow, in the background. Until the start record is due, the exit may overtake it: a JVM that ends
     * while the agent is still loading its sensors (a one-line JVM with the agent in JAVA_TOOL_OPTIONS) exits at
     * once and the start is abandoned; a run whose sampling began gets its end record.
     */
    private static void startSampling(AgentSettings settings, Optional<CarbonFactors> validatedCarbon,
            Optional<IntensityProvider> provider, Optional<Calibration> calibration, String runId,
            TrainingProgress progress) {
        try {
            CarbonFactors carbon = validatedCarbon.isPresent() ? validatedCarbon.get() : CarbonFactors.of(settings, AgentCore::warn);
            RankPlacement placement = RankPlacement.of(JobRank.current(), System.getenv(), runId, AgentCore::warn);
            Optional<Path> ledgerPath = settings.ledger().map(path -> placement.ledger(path, AgentCore::warn));
            Optional<ResumePoint> resumed = ledgerPath.flatMap(path -> resumePoint(path, runId));
            resumed.ifPresent(r -> progress.resumeFrom(
                new TrainingProgress.Counts(r.steps(), r.samples(), r.epochs()), r.totalSteps()));
            // before the sensors open, so that the time sampling starts is the time energy counts from
            RunForecaster forecaster = resumed.isPresent()
                ? replayedForecaster(settings, calibration, ledgerPath.get(), runId)
                : newForecaster(settings, calibration);
            PowerMeter meter = PowerMeters.open(settings, ERRORS, AgentCore::warn);
            if (!beginSampling()) {
                meter.close(); // outside the lock the exit hook takes: a wedged GPU's NVML shutdown can hang
                return;
            }
            Optional<RunLedger> ledger = ledgerPath.map(path -> RunLedger.open(path, settings.ledgerFlush(),
                problem -> ERRORS.count(AgentErrors.Kind.LEDGER_WRITE, problem), AgentCore::warn));
            double tableGramsPerKwh = carbon.kgPerKwh() * 1000;
            GridFeed grid = provider.map(p -> GridFeed.fedBy(p, tableGramsPerKwh))
                .orElse(GridFeed.table(tableGramsPerKwh));
            provider.ifPresent(p -> GridPoller.start(p, grid, settings.intensityRefresh(), AgentClock.SYSTEM::wallTime,
                failure -> ERRORS.count(AgentErrors.Kind.INTENSITY, failure)));
            SamplingLoop started = new SamplingLoop(runId, progress, meter, carbon, resumed, ledger,
                settings.console() ? Optional.of(System.err) : Optional.empty(), settings.consoleInterval(),
                forecaster, AgentClock.SYSTEM, ERRORS,
                grid, new BudgetWatch(settings.budgetGrams(), settings.budgetJoules(), JobRank.current(),
                    AgentCore::warn));
            started.thinLedger(settings.ledgerInterval().map(LedgerThinning::every).orElseGet(LedgerThinning::growing));
            recordFlightEvents(started);
            started.start(settings.interval(), resumed.isPresent(), settings.given());
            loop = started;
            exporter = MetricsEndpoint.start(settings, placement, started, AgentCore::warn);
            otlp = OtlpEndpoint.start(settings, started, AgentCore::warn);
        } catch (Throwable failure) {
            warn("sampling not started, steps are still counted: " + failure);
        }
    }

    /** False when the JVM began to exit first: then the start is abandoned. */
    private static boolean beginSampling() {
        synchronized (START_OR_EXIT) {
            samplingBegun = !exiting;
            return samplingBegun;
        }
    }

    /**
     * The shutdown hook: the exit's work runs on a daemon thread and gets {@link #EXIT_BUDGET_MILLIS}; a sensor, file
     * system or server that hangs costs one line, never the JVM's exit.
     */
    private static void finishAtExit(Thread start) {
        boolean startInProgress;
        synchronized (START_OR_EXIT) {
            exiting = true;
            startInProgress = samplingBegun;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_BUDGET_MILLIS);
        Thread finisher = new Thread(() -> finish(startInProgress ? start : null, deadline), "opencarboneval-finish");
        finisher.setDaemon(true);
        finisher.start();
        try {
            finisher.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (finisher.isAlive()) {
            warn("the run's last sample and end record did not complete within " + EXIT_BUDGET_MILLIS + " ms (a "
                + "sensor, the ledger's file system or the metrics server is not answering); the JVM exits without them");
        }
    }

    /** Lets a start whose sampling began reach its first record, then writes the last ones and stops the server. */
    private static void finish(Thread startToAwait, long deadline) {
        try {
            if (startToAwait != null) {
                startToAwait.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            SamplingLoop current = loop;
            if (current != null) {
                current.finish(); // the last sample also refreshes the exporter, which closes only after it
            }
            exporter.ifPresent(MetricsExporter::close);
            // the last push gets what is left of the exit's time, less a margin for the hook to see it end
            otlp.ifPresent(push -> push.pushLast(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) - 100));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError failure) {
            warn("the run's last sample and end record failed: " + failure);
        }
    }

    /** The {@code org.opencarboneval.*} JFR events, committed after each sample; a failure is counted, not thrown. */
    private static void recordFlightEvents(SamplingLoop sampling) {
        FlightEvents.create(AgentCore::warn).ifPresent(events -> sampling.afterEachSample(() -> {
            try {
                events.record(sampling.latest());
            } catch (RuntimeException failure) {
                ERRORS.count(AgentErrors.Kind.JFR_EVENT, failure);
            }
        }));
    }

    private static RunForecaster newForecaster(AgentSettings settings, Optional<Calibration> calibration) {
        return new RunForecaster(settings.totalFlops(), settings.hardware(), calibration.orElseGet(Calibration::bundled),
            JobRank.current().worldSize().orElse(1));
    }

    /**
     * The forecast of a resumed run goes on from its ledger's record, streamed in constant memory on this background
     * thread (a two-week ledger at 1 s took about 10 s, RESULTS.md); one that cannot be read starts the forecast
     * afresh, in one line.
     */
    private static RunForecaster replayedForecaster(AgentSettings settings, Optional<Calibration> calibration,
                                                    Path ledger, String runId) {
        RunForecaster forecaster = newForecaster(settings, calibration);
        try {
            LedgerRun.read(ledger, Optional.of(runId))
                .forEachSample(sample -> forecaster.replay(sample.progressPoint(), sample.totalSteps()));
            return forecaster;
        } catch (IOException | RuntimeException e) {
            warn("the forecast of resumed run " + runId + " starts afresh: cannot replay its ledger " + ledger + ": "
                + e.getMessage());
            return newForecaster(settings, calibration);
        }
    }

    private static Optional<ResumePoint> resumePoint(Path ledger, String runId) {
        try {
            return ResumePoint.find(ledger, runId, AgentCore::warn);
        } catch (IOException | RuntimeException e) {
            warn("cannot read the ledger " + ledger + " to resume run " + runId + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    static void warn(String message) {
        System.err.println(ConsoleReport.PREFIX + message);
    }
}
