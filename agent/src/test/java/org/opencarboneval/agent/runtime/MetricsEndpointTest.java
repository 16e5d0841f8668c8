package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.SettingSources;
import org.opencarboneval.agent.hook.FrameworkSteps;
import org.opencarboneval.agent.progress.TrainingProgress;
import org.opencarboneval.exporter.MetricsExporter;

/** The agent's side of the endpoint: one line saying where (or why not), and a scrape that follows the samples. */
class MetricsEndpointTest {

    private static final Pattern STARTED = Pattern.compile(
        "metrics at (http://127\\.0\\.0\\.1:\\d+/)metrics, status page at \\1");

    /** A process that is no rank of a job: the port as given. */
    private static final RankPlacement ALONE = RankPlacement.of(JobRank.NONE, Map.of(), "run-7", w -> { });

    private final List<String> lines = new ArrayList<>();
    private final TrainingProgress progress = new TrainingProgress(false, OptionalLong.empty(), OptionalLong.empty());
    private final SamplingLoop loop = new SamplingLoop("run-7", progress,
        new SamplingLoopTest.FixedMeter(new Components(100, 10, 1)), new CarbonFactors("DE", 0.35, 1.1),
        Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofHours(1),
        new RunForecaster(OptionalDouble.empty(), Optional.empty()), AgentClock.SYSTEM, new AgentErrors(w -> { }));
    private Optional<MetricsExporter> exporter = Optional.empty();

    @AfterEach
    void close() {
        exporter.ifPresent(MetricsExporter::close);
    }

    @Test
    void aFreePortIsLoggedAndEachSampleIsShownAtOnce() throws Exception {
        double before = progress.countedSteps();
        FrameworkSteps.train(100);
        loop.start(Duration.ofHours(1), false, Map.of());

        exporter = MetricsEndpoint.start(settings("port=0"), ALONE, loop, lines::add);

        assertEquals(1, lines.size(), lines.toString());
        Matcher started = STARTED.matcher(lines.get(0));
        assertTrue(started.matches(), lines.get(0));
        URI metrics = URI.create(started.group(1)).resolve("metrics");
        assertTrue(get(metrics).contains("oce_training_steps_total{run_id=\"run-7\"} " + (before + 100)), get(metrics));
        assertTrue(get(metrics).contains("oce_agent_info{hardware=\"cpu\",intensity_source=\"world average\","
            + "pue=\"1.1\",region=\"DE\",run_id=\"run-7\",version=\"unknown\"} 1"), get(metrics));

        FrameworkSteps.train(150);
        loop.finish(); // the last sample

        assertTrue(get(metrics).contains("oce_training_steps_total{run_id=\"run-7\"} " + (before + 250)), get(metrics));
    }

    @Test
    void aTakenPortIsOneLineAndNoEndpoint() throws Exception {
        loop.start(Duration.ofHours(1), false, Map.of());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            exporter = MetricsEndpoint.start(settings("port=" + taken.getLocalPort()), ALONE, loop, lines::add);

            assertTrue(exporter.isEmpty());
            assertEquals(List.of("metrics endpoint not started: port " + taken.getLocalPort()
                + " on 127.0.0.1 is already in use (set port=0 for a free port)"), lines);
        }
        loop.finish();
    }

    /** Ranks of one job on one node, started with one port: each listens on it plus its place on the node. */
    @Test
    void aRankListensOnThePortPlusItsLocalRank() throws Exception {
        loop.start(Duration.ofHours(1), false, Map.of());
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            free = probe.getLocalPort();
        }
        RankPlacement rankTen = RankPlacement.of(new JobRank(OptionalInt.of(10), OptionalInt.of(16)),
            Map.of("LOCAL_RANK", "2"), "run-7", lines::add);
        exporter = MetricsEndpoint.start(settings("port=" + (free - 2)), rankTen, loop, lines::add);

        assertEquals(List.of("metrics at http://127.0.0.1:" + free + "/metrics, status page at http://127.0.0.1:"
            + free + "/"), lines);
        exporter.ifPresent(MetricsExporter::close);
        lines.clear();

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            exporter = MetricsEndpoint.start(settings("port=" + (taken.getLocalPort() - 2)), rankTen, loop,
                lines::add);
            assertEquals(List.of("metrics endpoint not started: port " + taken.getLocalPort() + " on 127.0.0.1 is "
                + "already in use (set port=0 for a free port) (the port is " + (taken.getLocalPort() - 2)
                + " + 2, this rank's place on its node)"), lines);
        }
        loop.finish();
    }

    @Test
    void incompleteCredentialsAreOneLineAndNoEndpoint() throws Exception {
        exporter = MetricsEndpoint.start(settings("port=0,auth.user=prometheus"), ALONE, loop, lines::add);

        assertTrue(exporter.isEmpty());
        assertEquals(List.of("metrics endpoint not started: auth.user needs auth.password or auth.password.file"),
            lines);
    }

    @Test
    void allInterfacesWithoutAPasswordStartsWithOneWarning() throws Exception {
        loop.start(Duration.ofHours(1), false, Map.of());

        exporter = MetricsEndpoint.start(settings("host=0.0.0.0,port=0"), ALONE, loop, lines::add);

        assertTrue(exporter.isPresent());
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("warning: the metrics endpoint on 0.0.0.0 is open to other machines "
            + "without a password"), lines.get(1));
        loop.finish();
    }

    @Test
    void aPasswordFileWithACommaGuardsTheEndpoint(@TempDir Path dir) throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "a,b\n");
        loop.start(Duration.ofHours(1), false, Map.of());

        exporter = MetricsEndpoint.start(settings("port=0,auth.user=prometheus,auth.password.file=" + password), ALONE,
            loop, lines::add);

        Matcher started = STARTED.matcher(lines.get(0));
        assertTrue(started.matches(), lines.toString());
        URI metrics = URI.create(started.group(1)).resolve("metrics");
        assertEquals(401, status(metrics, Optional.empty()));
        assertEquals(401, status(metrics, Optional.of("prometheus:a")));
        assertEquals(200, status(metrics, Optional.of("prometheus:a,b")));
        loop.finish();
    }

    @Test
    void switchedOffIsSilent() throws Exception {
        exporter = MetricsEndpoint.start(settings("metrics=false"), ALONE, loop, lines::add);

        assertTrue(exporter.isEmpty());
        assertEquals(List.of(), lines);
    }

    private static AgentSettings settings(String arguments) throws Exception {
        return AgentSettings.parse(arguments, new SettingSources(new Properties(), Map.of()));
    }

    private static int status(URI uri, Optional<String> credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        credentials.ifPresent(c -> request.header("Authorization",
            "Basic " + Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8))));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }
}
