package org.opencarboneval.benchmarks.forecast;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.SplittableRandom;

import org.opencarboneval.exporter.JsonWriter;

/**
 * A seeded simulation of a days-long multi-GPU training run, written as the agent's ledger would record it, with the
 * true energy known to the joule. It is ticked every second; a sample is written every {@code interval} seconds.
 *
 * <p>What it puts in, each drawn from the seed: a warm-up (throughput from 60% and power from 110% settling over the
 * first half hour or so); a batch-size ramp over the first steps (each step carries more samples, so steps slow
 * down); an evaluation pass every N steps at 60% power; a checkpoint every M steps at idle power; slow thermal drift
 * of speed and power over days; straggler episodes (one slow rank holds all back for minutes); data-loader stalls
 * (seconds to minutes without progress); and, in some runs, a crash: the work since the last checkpoint is lost, the
 * job is down for a while (the agent with it, so nothing is measured), and it resumes from the checkpoint onto the
 * same ledger. In half of those the ledger's steps go back to the checkpoint's, as the agent's do where the restored
 * model says its step (DL4J); in the others they count the redone work again (DJL, or steps at the user's method).
 */
final class SimulatedRun {

    /** One GPU's draw while idle, as H100 SXM boards idle (NVIDIA's H100 datasheet gives 700 W at full load). */
    private static final double IDLE_WATTS = 90;

    private final Random random;
    private final String runId;
    private final int gpus;
    private final double trainWatts;
    private final double stepsPerSecond;
    private final long totalSteps;
    private final long stepsPerEpoch;
    private final long evalEvery;
    private final double evalSeconds;
    private final long checkpointEvery;
    private final double checkpointSeconds;
    private final double warmUpSeconds;
    private final double rampShare;
    private final double driftPerDay;
    private final double crashAt;
    private final boolean restoresPosition;

    SimulatedRun(long seed, double days) {
        random = new Random(seed);
        runId = "sim-" + seed;
        gpus = 8;
        trainWatts = 550 + 150 * random.nextDouble();
        stepsPerSecond = 0.5 + 2 * random.nextDouble();
        totalSteps = Math.round(days * 86_400 * stepsPerSecond * 0.85);
        // A third of runs count epochs (image models); the rest, like most LLM runs, train a single pass.
        stepsPerEpoch = random.nextInt(3) == 0 ? totalSteps / (5 + random.nextInt(60)) : totalSteps;
        evalEvery = Math.max(1, Math.round(totalSteps / (10.0 + random.nextInt(90))));
        evalSeconds = 60 + 600 * random.nextDouble();
        checkpointEvery = Math.max(1, Math.round(totalSteps / (20.0 + random.nextInt(180))));
        checkpointSeconds = 20 + 160 * random.nextDouble();
        warmUpSeconds = 600 + 3000 * random.nextDouble();
        rampShare = random.nextBoolean() ? 0.02 + 0.1 * random.nextDouble() : 0;
        driftPerDay = (random.nextDouble() - 0.5) * 0.04;
        crashAt = random.nextInt(3) == 0 ? 0.2 + 0.6 * random.nextDouble() : Double.NaN;
        // Drawn apart from the run's generator, so that every other draw of every seed stays what it was (and from one
        // that mixes its seed: java.util.Random's first draw barely differs between neighbouring seeds).
        restoresPosition = new SplittableRandom(seed).nextBoolean();
    }

    /** Writes the run's ledger, a sample every {@code interval} seconds. */
    void write(Path ledger, int interval) throws IOException {
        State state = new State();
        try (BufferedWriter out = Files.newBufferedWriter(ledger)) {
            out.write(start(false));
            out.newLine();
            boolean crashed = Double.isNaN(crashAt);
            long second = 0;
            while (state.jobStep < totalSteps) {
                state.tick(second++);
                if (!crashed && state.steps >= crashAt * totalSteps) {
                    crashed = true;
                    out.write(sample("sample", state));
                    out.newLine();
                    state.crash();
                    out.write(start(true));
                    out.newLine();
                }
                if (second % interval == 0) {
                    out.write(sample("sample", state));
                    out.newLine();
                }
            }
            out.write(sample("sample", state));
            out.newLine();
            out.write(sample("end", state));
            out.newLine();
        }
    }

    /** The run as it goes: what the agent has counted (steps, energy, elapsed) and the job's own position. */
    private final class State {
        double elapsed;
        double steps;
        double energy;
        long sequence;
        /** The job's own step, which a crash rolls back; it drives evaluation and checkpoints. */
        double jobStep;
        double pausedFor;
        double pauseWatts;
        double stragglerFor;
        long nextEval = evalEvery;
        long nextCheckpoint = checkpointEvery;
        long lastCheckpoint;

        void tick(long second) {
            double days = elapsed / 86_400;
            double watts;
            if (pausedFor > 0) {
                pausedFor -= 1;
                watts = pauseWatts;
            } else if (random.nextDouble() < 1.0 / 21_600) {
                // A data-loader stall, about every six hours: the GPUs wait, near idle.
                pausedFor = 5 + 300 * random.nextDouble();
                pauseWatts = IDLE_WATTS * 1.4;
                watts = pauseWatts;
            } else {
                if (stragglerFor > 0) {
                    stragglerFor -= 1;
                } else if (random.nextDouble() < 1.0 / 14_400) {
                    stragglerFor = 60 + 900 * random.nextDouble();
                }
                double warm = 1 - 0.4 * Math.exp(-elapsed / warmUpSeconds);
                // The batch grows from half its size to its full size over the ramp; a larger batch's step is slower.
                double ramp = rampShare > 0 ? Math.min(1, 0.5 + 0.5 * jobStep / (rampShare * totalSteps)) : 1;
                double rate = stepsPerSecond * warm / (0.5 + 0.5 * ramp) * (1 + driftPerDay * days)
                    * (stragglerFor > 0 ? 0.7 : 1) * (1 + 0.05 * random.nextGaussian());
                steps += rate;
                jobStep += rate;
                watts = trainWatts * (1 + 0.1 * Math.exp(-elapsed / warmUpSeconds)) * (1 - 0.5 * driftPerDay * days)
                    * (stragglerFor > 0 ? 0.85 : 1) * (1 + 0.02 * random.nextGaussian());
                if (jobStep >= nextEval) {
                    nextEval += evalEvery;
                    pausedFor = evalSeconds * (1 + 0.1 * random.nextGaussian());
                    pauseWatts = 0.6 * trainWatts;
                } else if (jobStep >= nextCheckpoint) {
                    lastCheckpoint = nextCheckpoint;
                    nextCheckpoint += checkpointEvery;
                    pausedFor = checkpointSeconds;
                    pauseWatts = IDLE_WATTS;
                }
            }
            energy += gpus * watts;
            elapsed += 1;
        }

        /** The job dies: its position rolls back to the last checkpoint, and the agent's count with it or not. */
        void crash() {
            if (restoresPosition) {
                steps -= jobStep - lastCheckpoint;
            }
            jobStep = lastCheckpoint;
            nextEval = (lastCheckpoint / evalEvery + 1) * evalEvery;
            nextCheckpoint = lastCheckpoint + checkpointEvery;
            pausedFor = 0;
            stragglerFor = 0;
        }

        long epochs() {
            return (long) (steps / stepsPerEpoch);
        }
    }

    private String start(boolean resumed) {
        return new JsonWriter().beginObject()
            .field("type", "start").field("run_id", runId).field("t", Instant.EPOCH.toString()).field("pid", 0L)
            .field("resumed", resumed).field("pue", 1.0)
            .name("settings").beginObject().field("run_id", runId).field("total.steps", Long.toString(totalSteps))
            .endObject()
            .endObject().toString();
    }

    private String sample(String type, State state) {
        return new JsonWriter().beginObject()
            .field("type", type).field("run_id", runId).field("seq", ++state.sequence)
            .field("t", Instant.EPOCH.plusSeconds((long) state.elapsed).toString())
            .field("elapsed_s", state.elapsed).field("steps", (long) state.steps).field("samples", 0L)
            .field("epochs", state.epochs()).field("total_steps", totalSteps)
            .name("energy_j").beginObject().field("gpu", state.energy).field("cpu", 0.0).field("dram", 0.0)
            .endObject()
            .field("co2e_g", state.energy / 3.6e6 * 400)
            .endObject().toString();
    }
}
