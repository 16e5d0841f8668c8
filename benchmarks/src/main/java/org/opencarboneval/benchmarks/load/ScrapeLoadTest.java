package org.opencarboneval.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opencarboneval.benchmarks.harness.ForkedJvm;
import org.opencarboneval.benchmarks.harness.MachineState;
import org.opencarboneval.benchmarks.harness.Options;
import org.opencarboneval.benchmarks.harness.Stats;
import org.opencarboneval.benchmarks.harness.Workspace;
import org.opencarboneval.benchmarks.nvml.StandInGpus;

/**
 * Scrape load on a training run: the DL4J example trains with the agent (eight stand-in GPUs, a known total so the
 * forecast is exported) while phases without and with 50 concurrent scrapers alternate, each {@code seconds} long.
 * Reports scrape latency p50/p99 (target p99 under 5 ms), errors (target none), training throughput during load over
 * throughput without, both taken from the agent's own status page (steps and elapsed time of the same sample, so the
 * rate is exact to the sample), and the CPU the agent's threads (sampling, serving) took in each kind of phase.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar org.opencarboneval.benchmarks.load.ScrapeLoadTest
 * [scrapers=50] [seconds=30] [rounds=2] [interval_ms=1000] [training=1000000,1000,50] [patience=1800]}, from the
 * repository root. {@code training=2,1000,50,1} parks the example after its first epoch (it waits on stdin), which
 * measures the endpoint without a job competing for the CPU.
 */
public final class ScrapeLoadTest {

    private static final Pattern ENDPOINT = Pattern.compile("\\[opencarboneval] metrics at (http://\\S+/)metrics");
    private static final Pattern ELAPSED = Pattern.compile("\"elapsed_seconds\"\\s*:\\s*([0-9.eE+-]+)");
    private static final Pattern STEPS = Pattern.compile("\"training_steps\"\\s*:\\s*([0-9]+)");
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final double P99_TARGET_MS = 5;

    private ScrapeLoadTest() {
    }

    /** One phase: training steps per second, and the agent threads' CPU as a share of one core. */
    private record PhaseResult(double stepsPerSecond, double agentCpuShare) {
    }

    /** The run's progress as of one agent sample. */
    private record Progress(double elapsedSeconds, long steps) {

        double rateSince(Progress earlier) {
            return (steps - earlier.steps) / (elapsedSeconds - earlier.elapsedSeconds);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, Set.of("scrapers", "seconds", "rounds", "interval_ms", "training",
            "patience"));
        boolean quiet = MachineState.awaitQuiet(Duration.ofSeconds(options.number("patience", 1800)));
        int scrapers = options.number("scrapers", 50);
        Duration phase = Duration.ofSeconds(options.number("seconds", 30));
        Duration interval = Duration.ofMillis(options.number("interval_ms", 1000));
        Workspace workspace = Workspace.current();
        Path scratch = workspace.scratch("load");
        Path script = StandInGpus.writeScript(scratch, 8, true, OptionalLong.empty());
        String agent = "run_id=load,port=0,total.steps=100000000,nvml.library=" + StandInGpus.library()
            + ",ledger=" + scratch.resolve("load.jsonl");
        try (ForkedJvm training = ForkedJvm.start(scratch, "training", workspace.javaCommand(Optional.of(agent),
                workspace.exampleClasspath("dl4j"), "org.opencarboneval.examples.dl4j.Dl4jTraining",
                List.of(options.text("training", "1000000,1000,50").split(","))),
                Map.of(StandInGpus.SCRIPT_VARIABLE, script.toString()))) {
            Matcher endpoint = training.awaitStderr(ENDPOINT, Duration.ofMinutes(1));
            URI base = URI.create(endpoint.group(1));
            Thread.sleep(WARM_UP.toMillis());
            Scrapers load = new Scrapers(base.resolve("metrics"));
            List<PhaseResult> quietPhases = new ArrayList<>();
            List<PhaseResult> loadedPhases = new ArrayList<>();
            List<Long> latencies = new ArrayList<>();
            List<Long> warmLatencies = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            int rounds = options.number("rounds", 2);
            for (int round = 0; round <= rounds; round++) {
                quietPhases.add(measure(base, training.pid(), () -> Thread.sleep(phase.toMillis())));
                if (round == rounds) {
                    break; // quiet phases on both sides of every loaded one
                }
                long seed = round;
                Scrapers.Result[] result = new Scrapers.Result[1];
                loadedPhases.add(measure(base, training.pid(),
                    () -> result[0] = load.run(scrapers, interval, phase, seed)));
                latencies.addAll(result[0].latencies());
                warmLatencies.addAll(result[0].warmLatencies());
                errors.addAll(result[0].errors());
                System.out.printf(Locale.ROOT, "round %d: %d scrapes of %d characters, %d errors%n", round + 1,
                    result[0].latencies().size(), result[0].characters(), result[0].errors().size());
            }
            report(scrapers, interval, phase, quietPhases, loadedPhases, Stats.of(latencies), Stats.of(warmLatencies),
                errors);
        }
        System.out.println("machine at the end: " + MachineState.describe()
            + (quiet ? "" : "; NOT QUIET at the start: these figures are not valid measurements"));
    }

    private interface Phase {
        void run() throws InterruptedException;
    }

    /** Training throughput and the agent's CPU over one phase. */
    private static PhaseResult measure(URI base, long pid, Phase phase) throws IOException, InterruptedException {
        Progress before = progress(base);
        double cpuBefore = AgentCpu.seconds(pid);
        phase.run();
        double cpu = AgentCpu.seconds(pid) - cpuBefore;
        Progress after = progress(base);
        double seconds = after.elapsedSeconds() - before.elapsedSeconds();
        PhaseResult result = new PhaseResult(after.rateSince(before), cpu / seconds);
        System.out.printf(Locale.ROOT, "phase: %.1f steps/s over %.1f s of the run; agent threads %.2f%% of a core%n",
            result.stepsPerSecond(), seconds, result.agentCpuShare() * 100);
        return result;
    }

    private static Progress progress(URI base) throws IOException, InterruptedException {
        String status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("status.json")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        Matcher elapsed = ELAPSED.matcher(status);
        Matcher steps = STEPS.matcher(status);
        if (!elapsed.find() || !steps.find()) {
            throw new IllegalStateException("no progress in /status.json: " + status);
        }
        return new Progress(Double.parseDouble(elapsed.group(1)), Long.parseLong(steps.group(1)));
    }

    private static void report(int scrapers, Duration interval, Duration phase, List<PhaseResult> quietPhases,
            List<PhaseResult> loadedPhases, Stats latencies, Stats warmLatencies, List<String> errors) {
        double p99 = latencies.percentile(99) / 1e6;
        System.out.printf(Locale.ROOT, "%d scrapers, one scrape each every %d ms, %d s per loaded phase%n", scrapers,
            interval.toMillis(), phase.toSeconds());
        System.out.printf(Locale.ROOT, "scrape latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d scrapes "
            + "[target p99 < %.0f ms: %s]%n", latencies.median() / 1e6, p99, latencies.max() / 1e6,
            latencies.count(), P99_TARGET_MS, p99 < P99_TARGET_MS ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "  on kept-alive connections: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d%n",
            warmLatencies.median() / 1e6, warmLatencies.percentile(99) / 1e6, warmLatencies.max() / 1e6,
            warmLatencies.count());
        System.out.printf(Locale.ROOT, "errors: %d [target 0: %s]%s%n", errors.size(), errors.isEmpty() ? "met"
            : "MISSED", errors.isEmpty() ? "" : "; first: " + errors.get(0));
        Stats quiet = Stats.of(quietPhases.stream().map(PhaseResult::stepsPerSecond).toList());
        Stats loaded = Stats.of(loadedPhases.stream().map(PhaseResult::stepsPerSecond).toList());
        System.out.println("training steps/s without scrapers: " + quiet.summary("%.1f"));
        System.out.println("training steps/s with scrapers: " + loaded.summary("%.1f"));
        System.out.printf(Locale.ROOT, "training throughput ratio, loaded/quiet medians: %.4f%n",
            loaded.median() / quiet.median());
        System.out.printf(Locale.ROOT, "agent threads' CPU: %.2f%% of a core without scrapers, %.2f%% with%n",
            100 * Stats.of(quietPhases.stream().map(PhaseResult::agentCpuShare).toList()).median(),
            100 * Stats.of(loadedPhases.stream().map(PhaseResult::agentCpuShare).toList()).median());
    }
}
