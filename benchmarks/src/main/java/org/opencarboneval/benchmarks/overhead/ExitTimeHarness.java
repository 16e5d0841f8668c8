package org.opencarboneval.benchmarks.overhead;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.opencarboneval.benchmarks.harness.ForkedJvm;
import org.opencarboneval.benchmarks.harness.MachineState;
import org.opencarboneval.benchmarks.harness.Options;
import org.opencarboneval.benchmarks.harness.Stats;
import org.opencarboneval.benchmarks.harness.Workspace;
import org.opencarboneval.benchmarks.probe.StartProbe;

/**
 * The time the agent adds to a one-line JVM ({@link StartProbe}: a main that returns at once), as users pay it with
 * {@code -javaagent} in {@code JAVA_TOOL_OPTIONS}: whole-process wall time, launch to exit, with and without the
 * agent, runs alternated. Also split into launch to {@code main} and {@code main} to exit, so a slow exit (the
 * shutdown waiting for the agent's background start) shows apart from the start-up. Target: under 300 ms added.
 * {@code java -cp benchmarks/target/benchmarks.jar org.opencarboneval.benchmarks.overhead.ExitTimeHarness [runs=30]
 * [patience=600]}, from the repository root.
 */
public final class ExitTimeHarness {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(1);
    private static final double TARGET_MS = 300;

    private ExitTimeHarness() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = new Options(args, Set.of("runs", "patience"));
        boolean quiet = MachineState.awaitQuiet(Duration.ofSeconds(options.number("patience", 600)));
        Workspace workspace = Workspace.current();
        Path scratch = workspace.scratch("exit-time");
        List<Double> wallPlain = new ArrayList<>();
        List<Double> wallAgent = new ArrayList<>();
        List<Double> exitPlain = new ArrayList<>();
        List<Double> exitAgent = new ArrayList<>();
        int runs = options.number("runs", 30);
        for (int i = 0; i < 2 * runs; i++) {
            boolean withAgent = (i % 2 == 0) == ((i / 2) % 2 == 1);
            String name = "exit-" + i;
            // the agent as a user would leave it in JAVA_TOOL_OPTIONS: a ledger and the metrics endpoint on
            Optional<String> agent = withAgent ? Optional.of("run_id=" + name + ",port=0,console=false,ledger="
                + scratch.resolve(name + ".jsonl")) : Optional.empty();
            ForkedJvm.Finished run = ForkedJvm.start(scratch, name, workspace.javaCommand(agent,
                workspace.probeClasses().toString(), StartProbe.class.getName(), List.of()), Map.of())
                .await(RUN_TIMEOUT);
            long launched = run.launchedAt().getEpochSecond() * 1_000_000_000L + run.launchedAt().getNano();
            double toMainMs = (run.probe("main_entered_epoch_ns") - launched) / 1e6;
            double wallMs = run.wall().toNanos() / 1e6;
            (withAgent ? wallAgent : wallPlain).add(wallMs);
            (withAgent ? exitAgent : exitPlain).add(wallMs - toMainMs);
        }
        report("launch to exit", wallPlain, wallAgent, true);
        report("main to exit", exitPlain, exitAgent, false);
        System.out.println("machine at the end: " + MachineState.describe()
            + (quiet ? "" : "; NOT QUIET at the start: these figures are not valid measurements"));
    }

    private static void report(String what, List<Double> plain, List<Double> agent, boolean judged) {
        Stats without = Stats.of(plain);
        Stats with = Stats.of(agent);
        double addedMedian = with.median() - without.median();
        double addedP90 = with.percentile(90) - without.percentile(90);
        System.out.println(what + " without the agent (ms): " + without.summary("%.1f") + String.format(Locale.ROOT,
            ", p90 %.1f", without.percentile(90)));
        System.out.println(what + " with the agent (ms): " + with.summary("%.1f") + String.format(Locale.ROOT,
            ", p90 %.1f", with.percentile(90)));
        System.out.printf(Locale.ROOT, "%s added by the agent: median %.1f ms, p90 %.1f ms%s%n", what, addedMedian,
            addedP90, judged ? (addedMedian < TARGET_MS ? " [target < 300 ms: met]" : " [target < 300 ms: MISSED]")
                : "");
    }
}
