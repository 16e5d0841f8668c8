package org.opencarboneval.agent.ledger;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.opencarboneval.agent.runtime.JobRank;
import org.opencarboneval.exporter.JsonObject;

/**
 * One run of a ledger, read in constant memory: {@link #read} streams the ledger once for the run's figures (its id,
 * the settings and PUE of its latest start record, its last sample and how many it has), and {@link #forEachSample}
 * streams it again for the samples themselves, in order across restarts, the attempts that began again from zero
 * joined on ({@link AttemptsJoined}). A ledger may hold several runs; the one
 * asked for, or else the one whose sample was written last, is read. Damaged lines are skipped and counted.
 *
 * <p>Without a run id, the first pass keeps these few figures for every run in the ledger, since any may prove the
 * last: memory grows with the number of runs a ledger holds, never with its length.
 */
public final class LedgerRun {

    private final Path ledger;
    private final String runId;
    private final RunFigures figures;
    private final DamagedLines damaged;

    /** What the first pass keeps of one run. */
    private static final class RunFigures {
        private LedgerStart start;
        /** The process that began the run, from its first start record: a copy of the ledger has the same. */
        private Optional<String> firstProcess;
        private LedgerSample last;
        private long samples;
        private final TrainedSteps trained = new TrainedSteps();
        private long stepsTrained;
        /** Whether every sample counts the GPU time: a run resumed from an older agent's ledger counts it from then. */
        private boolean gpuSecondsThroughout = true;
        private final AttemptsJoined attempts = new AttemptsJoined();

        /** The largest job any attempt said it was part of: a requeued job may come back smaller. */
        private int largestWorldSize;

        void began(LedgerStart attempt) {
            start = attempt;
            attempts.began(attempt);
            largestWorldSize = Math.max(largestWorldSize, attempt.rank().worldSize().orElse(0));
            if (firstProcess == null) {
                firstProcess = attempt.process();
            }
        }
    }

    private LedgerRun(Path ledger, String runId, RunFigures figures, DamagedLines damaged) {
        this.ledger = ledger;
        this.runId = runId;
        this.figures = figures;
        this.damaged = damaged;
    }

    /**
     * Finds the run in one pass. A path that is not a readable regular file, a ledger that is empty, starts with a
     * byte-order mark, holds no record or no sample, or not the run asked for is an {@link IOException} whose message
     * names the path and what is wrong.
     */
    public static LedgerRun read(Path ledger, Optional<String> runId) throws IOException {
        Map<String, RunFigures> runs = new HashMap<>();
        DamagedLines damaged = new DamagedLines(ledger);
        String lastRun = null;
        long lines = 0;
        long records = 0;
        try (LedgerLines in = LedgerLines.open(ledger)) {
            for (LedgerLines.Line line = in.next(); line != null; line = in.next()) {
                if (line.number() == 1 && !line.overLong() && line.text().startsWith("\uFEFF")) {
                    throw new IOException("the ledger '" + ledger + "' starts with a UTF-8 byte-order mark, which the"
                        + " agent never writes; expected JSON lines without one (was it saved by an editor?)");
                }
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                try {
                    JsonObject record = line.record();
                    records++;
                    Optional<LedgerSample> sample = LedgerSample.of(record);
                    if (sample.isPresent()) {
                        lastRun = sample.get().runId();
                        if (runId.isEmpty() || runId.get().equals(lastRun)) {
                            RunFigures run = runs.computeIfAbsent(lastRun, id -> new RunFigures());
                            run.stepsTrained = run.trained.at(sample.get());
                            run.last = run.attempts.joined(sample.get());
                            run.samples++;
                            run.gpuSecondsThroughout &= sample.get().gpuSeconds().isPresent();
                        }
                    } else {
                        LedgerStart.of(record).filter(s -> runId.isEmpty() || runId.get().equals(s.runId()))
                            .ifPresent(start -> runs.computeIfAbsent(start.runId(), id -> new RunFigures()).began(start));
                    }
                } catch (IllegalArgumentException damage) {
                    damaged.add("line " + line.number(), damage.getMessage());
                }
            }
        }
        if (lines == 0) {
            throw new IOException("the ledger '" + ledger + "' is empty; expected the JSON lines the agent writes");
        }
        if (records == 0) {
            throw new IOException("the ledger '" + ledger + "' holds no ledger records: none of its " + lines
                + (lines == 1 ? " line is" : " lines is") + " a JSON object (is it a ledger the agent wrote?)");
        }
        if (lastRun == null) {
            throw new IOException("the ledger '" + ledger + "' holds no sample records"
                + damaged.summary().map(d -> "; " + d).orElse(""));
        }
        String chosen = runId.orElse(lastRun);
        RunFigures run = runs.get(chosen);
        if (run == null || run.samples == 0) {
            throw new IOException("the ledger '" + ledger + "' holds no run '" + chosen + "'");
        }
        return new LedgerRun(ledger, chosen, run, damaged);
    }

    /**
     * Streams the run's samples, in ledger order, to {@code action}: the very samples the first pass counted, even if
     * the ledger has grown since (a run still writing to it).
     */
    public void forEachSample(Consumer<LedgerSample> action) throws IOException {
        try (Samples samples = samples()) {
            for (LedgerSample sample = samples.next(); sample != null; sample = samples.next()) {
                action.accept(sample);
            }
        }
    }

    /** The samples {@link #forEachSample} streams, pulled one at a time: several runs' merge in constant memory. */
    public Samples samples() throws IOException {
        return new Samples(LedgerLines.open(ledger));
    }

    /** An open pass over the run's samples. */
    public final class Samples implements Closeable {

        private final LedgerLines in;
        private final AttemptsJoined attempts = new AttemptsJoined();
        private long left = figures.samples;

        private Samples(LedgerLines in) {
            this.in = in;
        }

        /** The next sample, or null after the last one the first pass counted. */
        public LedgerSample next() throws IOException {
            while (left > 0) {
                LedgerLines.Line line = in.next();
                if (line == null) {
                    throw new IOException("the ledger '" + ledger + "' changed while it was read: " + left + " of run '"
                        + runId + "''s samples are gone");
                }
                if (line.isBlank()) {
                    continue;
                }
                Optional<LedgerSample> sample;
                Optional<LedgerStart> start;
                try {
                    JsonObject record = line.record();
                    sample = LedgerSample.of(record);
                    start = sample.isPresent() ? Optional.empty() : LedgerStart.of(record);
                } catch (IllegalArgumentException damagedAsInTheFirstPass) {
                    continue;
                }
                if (sample.isPresent() && sample.get().runId().equals(runId)) {
                    left--;
                    return attempts.joined(sample.get());
                }
                start.filter(attempt -> attempt.runId().equals(runId)).ifPresent(attempts::began);
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }


    public String runId() {
        return runId;
    }

    /** The settings of the run's latest start record; empty when none is left. */
    public Map<String, String> settings() {
        return figures.start == null ? Map.of() : figures.start.settings();
    }

    /** The PUE of the run's latest start record; 1 when none is left. */
    public double pue() {
        return figures.start == null ? 1 : figures.start.pue();
    }

    /** How many GPUs the run's latest start record saw; empty when none is left or its agent did not record it. */
    public OptionalLong gpuCount() {
        return figures.start == null ? OptionalLong.empty() : figures.start.gpuCount();
    }

    /** The first GPU's name as the run's latest start record has it; empty without GPUs or a start record. */
    public Optional<String> gpuName() {
        return figures.start == null ? Optional.empty() : figures.start.gpuName();
    }

    /** The accelerator the run names: its {@code hardware} setting, else its first GPU's name; empty when neither. */
    public Optional<String> acceleratorName() {
        return Optional.ofNullable(settings().get("hardware")).or(this::gpuName);
    }

    /** The run's training compute, its {@code total.flops} setting; empty when the run was started without it. */
    public OptionalDouble totalFlops() {
        String flops = settings().get("total.flops");
        // the agent accepted it as a positive number before writing it
        return flops == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(flops.strip()));
    }

    /**
     * The a-priori device energy (before PUE) the agent estimated when the run's latest attempt started, by the
     * calibration it was started with; empty without compute or a known accelerator, or from an older agent.
     */
    public OptionalDouble aprioriEnergyJoules() {
        return figures.start == null ? OptionalDouble.empty() : figures.start.aprioriEnergyJoules();
    }

    /**
     * The GPU time charged to the run, where every one of its samples counts it ({@code gpu_s}); empty where an older
     * agent wrote some of them, so that the count does not start at a resume.
     */
    public OptionalDouble gpuSeconds() {
        return figures.gpuSecondsThroughout ? last().gpuSeconds() : OptionalDouble.empty();
    }

    /** The process that began the run (its pid and start time), where the ledger's first start record says. */
    public Optional<String> firstProcess() {
        return figures.firstProcess == null ? Optional.empty() : figures.firstProcess;
    }

    /** The rank of the run's latest start record; unknown when none is left or the launcher gave none. */
    public JobRank rank() {
        return figures.start == null ? JobRank.NONE : figures.start.rank();
    }

    /** The most ranks any attempt of the run said its job had; empty where none said. */
    public OptionalInt largestWorldSize() {
        return figures.largestWorldSize > 0 ? OptionalInt.of(figures.largestWorldSize) : OptionalInt.empty();
    }

    /** The ledger this run was read from. */
    public Path ledger() {
        return ledger;
    }

    public LedgerSample last() {
        return figures.last;
    }

    public long sampleCount() {
        return figures.samples;
    }

    /**
     * The steps the run trained: its final count and the steps it did again after its restores from checkpoints (a
     * DL4J model restored behind the ledger), which that count does not hold; see {@link TrainedSteps}.
     */
    public long stepsTrained() {
        return figures.stepsTrained;
    }

    /** One line telling the damaged lines the read skipped, if any. */
    public Optional<String> damage() {
        return damaged.summary();
    }
}
