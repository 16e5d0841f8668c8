package org.opencarboneval.benchmarks.forecast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opencarboneval.benchmarks.harness.Workspace;

/**
 * The forecast benchmark: replays the three corpora through {@code report --corpus}, in a JVM limited to 256 MB, and
 * prints each one's table. The corpora: the committed CPU traces, the MLPerf Training timelines beside the checkout
 * ({@code ../shared/data/mlperf-dev}, modelled and constant power), and {@code runs} simulated days-long GPU runs
 * (default 40, seeds from {@code first} on, default 1) written to a temporary directory. Seeds other than those the
 * forecast was developed on are runs it has never seen.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.opencarboneval.benchmarks.forecast.CorpusBenchmark [runs [first]]
 * </pre>
 */
public final class CorpusBenchmark {

    private CorpusBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        long firstSeed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Workspace workspace = Workspace.current();
        Path root = workspace.root();
        Path shared = Path.of(System.getProperty("oce.shared.data", root.resolve("../shared/data").toString()));
        Path simulated = Files.createTempDirectory("oce-simulated-");
        SimulatedCorpus.write(simulated, firstSeed, runs, 60);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx256m", "-jar", workspace.agentJar().toString(),
            "report", "--corpus", root.resolve("agent/src/test/resources/traces").toString(),
            shared.resolve("mlperf-dev").toString(), shared.resolve("mlperf-dev/const").toString(),
            simulated.toString()));
        long started = System.nanoTime();
        int status = new ProcessBuilder(command).inheritIO().start().waitFor();
        System.out.printf("%nreplayed in %.0f s (exit %d); simulated ledgers in %s%n",
            (System.nanoTime() - started) / 1e9, status, simulated);
    }
}
