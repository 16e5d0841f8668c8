package org.opencarboneval.benchmarks.overhead;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.opencarboneval.benchmarks.harness.ForkedJvm;
import org.opencarboneval.benchmarks.harness.MachineState;
import org.opencarboneval.benchmarks.harness.Options;
import org.opencarboneval.benchmarks.harness.Stats;
import org.opencarboneval.benchmarks.harness.Workspace;
import org.opencarboneval.benchmarks.nvml.StandInGpus;
import org.opencarboneval.benchmarks.probe.HeapProbe;
import org.opencarboneval.benchmarks.probe.StartProbe;
import org.opencarboneval.benchmarks.probe.TimedTraining;

/**
 * Is the agent invisible to the job? Runs each example with and without {@code -javaagent}, in pairs whose order
 * alternates (so drift in the machine's speed hits both sides alike), and reports the medians of:
 * <ul>
 * <li>the training throughput ratio, with agent / without, timed inside the JVM by {@link TimedTraining} (target
 * at least 0.995), the CPU the agent's threads took meanwhile (as a share of one core: what the agent can take from
 * the job, without the noise of timing the job), and the ratio of whole-process wall time, start-up included;</li>
 * <li>the heap the agent adds (target under 32 MB): heap in use after full collections, with minus without, in an
 * idle JVM where the agent has sampled eight stand-in GPUs into a ledger and served metrics for a while (a training
 * framework's own heap varies by tens of MB from run to run, which would hide the agent's); also reported at the end
 * of each training, for what it is worth there;</li>
 * <li>the start-up the agent adds: launch to {@code main} of {@link StartProbe} (target under 300 ms).</li>
 * </ul>
 * {@code java -cp benchmarks/target/benchmarks.jar org.opencarboneval.benchmarks.overhead.OverheadHarness
 * [pairs=10] [starts=20] [heaps=5] [workloads=dl4j,djl] [dl4j=300,1000,50] [djl=1000,1000,50] [patience=1800]},
 * from the repository root.
 */
public final class OverheadHarness {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final double THROUGHPUT_TARGET = 0.995;
    private static final double HEAP_TARGET_MB = 32;
    private static final double START_TARGET_MS = 300;
    /** Long enough for the agent's start, dozens of samples and the exporter's refreshes. */
    private static final String IDLE_SECONDS = "20";

    private final Workspace workspace;
    private final Path scratch;

    private OverheadHarness(Workspace workspace) {
        this.workspace = workspace;
        this.scratch = workspace.scratch("overhead");
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = new Options(args, Set.of("pairs", "starts", "heaps", "workloads", "dl4j", "djl",
            "patience"));
        boolean quiet = MachineState.awaitQuiet(Duration.ofSeconds(options.number("patience", 1800)));
        OverheadHarness harness = new OverheadHarness(Workspace.current());
        int pairs = options.number("pairs", 10);
        for (String name : options.text("workloads", "dl4j,djl").split(",")) {
            // about 15 s of training each on the 2-core reference machine
            List<String> timed = List.of(options.text(name, name.equals("dl4j") ? "300,1000,50" : "1000,1000,50")
                .split(","));
            harness.throughput(name.equals("dl4j") ? Workload.dl4j(timed) : Workload.djl(timed), pairs);
        }
        harness.startUp(options.number("starts", 20));
        harness.agentHeap(options.number("heaps", 5));
        System.out.println("machine at the end: " + MachineState.describe()
            + (quiet ? "" : "; NOT QUIET at the start: these figures are not valid measurements"));
    }

    private void throughput(Workload workload, int pairs) throws InterruptedException {
        List<Double> throughputRatios = new ArrayList<>();
        List<Double> wallRatios = new ArrayList<>();
        List<Double> heapAddedMb = new ArrayList<>();
        List<Double> agentCpuShares = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            boolean agentFirst = pair % 2 == 1;
            ForkedJvm.Finished first = train(workload, pair, agentFirst);
            ForkedJvm.Finished second = train(workload, pair, !agentFirst);
            ForkedJvm.Finished plain = agentFirst ? second : first;
            ForkedJvm.Finished agent = agentFirst ? first : second;
            if (plain.printed("steps") != agent.printed("steps")) {
                throw new IllegalStateException("the runs trained different step counts: " + plain.printed("steps")
                    + " and " + agent.printed("steps"));
            }
            double ratio = (double) plain.probe("training_ns") / agent.probe("training_ns");
            double wallRatio = (double) plain.wall().toNanos() / agent.wall().toNanos();
            double heapMb = (agent.probe("heap_used_bytes") - plain.probe("heap_used_bytes")) / 1048576.0;
            double agentCpuShare = (double) agent.probe("agent_cpu_ns") / agent.probe("training_ns");
            agentCpuShares.add(agentCpuShare);
            throughputRatios.add(ratio);
            wallRatios.add(wallRatio);
            heapAddedMb.add(heapMb);
            System.out.printf(Locale.ROOT, "%s pair %d (%s first): %d steps; training %.3f s plain, %.3f s agent: "
                + "ratio %.4f; agent threads %.3f%% of a core; process %.3f s plain, %.3f s agent: ratio %.4f; "
                + "heap %+.1f MB%n", workload.name(), pair + 1, agentFirst ? "agent" : "plain", plain.printed("steps"),
                seconds(plain.probe("training_ns")), seconds(agent.probe("training_ns")), ratio, agentCpuShare * 100,
                seconds(plain.wall().toNanos()), seconds(agent.wall().toNanos()), wallRatio, heapMb);
        }
        Stats throughput = Stats.of(throughputRatios);
        Stats heap = Stats.of(heapAddedMb);
        System.out.println(workload.name() + " throughput ratio (agent/plain): " + throughput.summary("%.4f")
            + verdict(throughput.median() >= THROUGHPUT_TARGET, ">= " + THROUGHPUT_TARGET));
        System.out.println(workload.name() + " agent threads' CPU during training (share of one core): "
            + Stats.of(agentCpuShares).summary("%.5f"));
        System.out.println(workload.name() + " whole-process ratio (plain wall/agent wall): "
            + Stats.of(wallRatios).summary("%.4f"));
        System.out.println(workload.name() + " heap after training (MB, with minus without): " + heap.summary("%.1f"));
    }

    private ForkedJvm.Finished train(Workload workload, int pair, boolean withAgent) throws InterruptedException {
        String name = workload.name() + "-" + (pair + 1) + (withAgent ? "-agent" : "-plain");
        List<String> args = new ArrayList<>(List.of(workload.mainClass(), String.join(",", workload.warmUp())));
        args.addAll(workload.timed());
        // The agent as a user runs it: ledger, metrics endpoint and console line on, default interval.
        Optional<String> agent = withAgent ? Optional.of("run_id=" + name + ",port=0,ledger="
            + scratch.resolve(name + ".jsonl")) : Optional.empty();
        return ForkedJvm.start(scratch, name, workspace.javaCommand(agent, workspace.exampleClasspath(workload.example()),
            TimedTraining.class.getName(), args), Map.of()).await(RUN_TIMEOUT);
    }

    /** Launch to main, alternating with and without the agent. */
    private void startUp(int starts) throws InterruptedException {
        List<Double> plain = new ArrayList<>();
        List<Double> agent = new ArrayList<>();
        for (int i = 0; i < 2 * starts; i++) {
            boolean agentFirst = (i / 2) % 2 == 1;
            boolean withAgent = (i % 2 == 0) == agentFirst;
            String name = "start-" + i;
            Optional<String> agentArguments = withAgent ? Optional.of("run_id=" + name + ",port=0,console=false")
                : Optional.empty();
            ForkedJvm.Finished run = ForkedJvm.start(scratch, name, workspace.javaCommand(agentArguments,
                workspace.probeClasses().toString(), StartProbe.class.getName(), List.of()), Map.of())
                .await(RUN_TIMEOUT);
            long launched = run.launchedAt().getEpochSecond() * 1_000_000_000L + run.launchedAt().getNano();
            (withAgent ? agent : plain).add((run.probe("main_entered_epoch_ns") - launched) / 1e6);
        }
        Stats without = Stats.of(plain);
        Stats with = Stats.of(agent);
        double added = with.median() - without.median();
        System.out.println("launch to main without the agent (ms): " + without.summary("%.1f"));
        System.out.println("launch to main with the agent (ms): " + with.summary("%.1f"));
        System.out.printf(Locale.ROOT, "start-up added by the agent: %.1f ms%s%n", added,
            verdict(added < START_TARGET_MS, "< " + START_TARGET_MS + " ms"));
    }

    /** Pairs of idle JVMs, with the agent busy measuring eight stand-in GPUs, and without it. */
    private void agentHeap(int pairs) throws InterruptedException {
        Path script = writeEightGpus();
        List<Double> addedMb = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            String name = "heap-" + (pair + 1);
            long plain = idleHeap(name + "-plain", Optional.empty(), script);
            long agent = idleHeap(name + "-agent", Optional.of("run_id=" + name + ",port=0,console=false,nvml.library="
                + StandInGpus.library() + ",ledger=" + scratch.resolve(name + ".jsonl")), script);
            addedMb.add((agent - plain) / 1048576.0);
            System.out.printf(Locale.ROOT, "heap pair %d: %.1f MB plain, %.1f MB agent%n", pair + 1,
                plain / 1048576.0, agent / 1048576.0);
        }
        Stats added = Stats.of(addedMb);
        System.out.println("agent heap (MB, idle JVM with minus without, after " + IDLE_SECONDS + " s): "
            + added.summary("%.1f") + verdict(added.median() < HEAP_TARGET_MB, "< " + HEAP_TARGET_MB + " MB"));
    }

    private long idleHeap(String name, Optional<String> agentArguments, Path gpuScript) throws InterruptedException {
        return ForkedJvm.start(scratch, name, workspace.javaCommand(agentArguments, workspace.probeClasses().toString(),
            HeapProbe.class.getName(), List.of(IDLE_SECONDS)), Map.of(StandInGpus.SCRIPT_VARIABLE, gpuScript.toString()))
            .await(RUN_TIMEOUT).probe("heap_used_bytes");
    }

    private Path writeEightGpus() {
        try {
            return StandInGpus.writeScript(scratch, 8, true, OptionalLong.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String verdict(boolean met, String target) {
        return " [target " + target + ": " + (met ? "met" : "MISSED") + "]";
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
