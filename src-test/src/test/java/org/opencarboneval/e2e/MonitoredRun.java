package org.opencarboneval.e2e;

import static org.opencarboneval.e2e.TrainingJvm.DL4J;
import static org.opencarboneval.e2e.TrainingJvm.DL4J_MAIN;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DL4J example training with the agent on a free port and the NVML stand-in's two GPUs, running until the test
 * is done with it. The example pauses (waiting on stdin) after its first 300 epochs: long enough on any machine for
 * Prometheus to see the steps rise and the forecast appear, and the JVM never ends before the test does.
 */
final class MonitoredRun implements AutoCloseable {

    /** epochs, examples, batch size, pause after this epoch: 12,000 steps before the pause, 40 per epoch. */
    private static final String[] TRAINING = {"1000", "2000", "50", "300"};
    private static final Pattern ENDPOINT = Pattern.compile(
        "\\[opencarboneval] metrics at (http://127\\.0\\.0\\.1:(\\d+)/)metrics, status page at \\1\n");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String runId;
    private final TrainingJvm jvm;
    private final URI baseUrl;
    private final int port;

    private MonitoredRun(String runId, TrainingJvm jvm, URI baseUrl, int port) {
        this.runId = runId;
        this.jvm = jvm;
        this.baseUrl = baseUrl;
        this.port = port;
    }

    /** Starts the training and waits for the agent's line saying where its endpoint listens. */
    static MonitoredRun start(String runId, String agentArguments) throws Exception {
        return start(runId, runId, agentArguments);
    }

    /** As {@link #start(String, String)}, its output in files called {@code name}: an attempt of a run. */
    static MonitoredRun start(String name, String runId, String agentArguments) throws Exception {
        return start(name, runId, agentArguments, Map.of());
    }

    /** As {@link #start(String, String, String)}, with these variables in the JVM's environment too. */
    static MonitoredRun start(String name, String runId, String agentArguments, Map<String, String> environment)
            throws Exception {
        NvmlStandIn nvml = NvmlStandIn.twoGpus();
        Map<String, String> variables = new HashMap<>(nvml.environment());
        variables.putAll(environment);
        return of(runId, TrainingJvm.startExample(name, DL4J, DL4J_MAIN,
            "run_id=" + runId + ",port=0," + nvml.agentArgument() + "," + agentArguments, variables, TRAINING));
    }

    /** A training already started with the agent on {@code port=0}, once its endpoint listens. */
    static MonitoredRun of(String runId, TrainingJvm jvm) throws Exception {
        try {
            Matcher endpoint = ENDPOINT.matcher(jvm.awaitStderr(text -> ENDPOINT.matcher(text).find()));
            endpoint.find();
            return new MonitoredRun(runId, jvm, URI.create(endpoint.group(1)), Integer.parseInt(endpoint.group(2)));
        } catch (RuntimeException | Error | InterruptedException e) {
            jvm.process().destroyForcibly();
            throw e;
        }
    }

    String runId() {
        return runId;
    }

    int port() {
        return port;
    }

    /** The status page. */
    URI baseUrl() {
        return baseUrl;
    }

    Scrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(baseUrl.resolve("metrics"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics: " + response.statusCode() + " " + response.body());
        }
        return Scrape.parse(response.body());
    }

    /** Scrapes until one satisfies {@code condition}; fails when the training JVM exits or the time runs out. */
    Scrape awaitScrape(Predicate<Scrape> condition, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TrainingJvm.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && jvm.process().isAlive()) {
            Scrape scrape = scrape();
            if (condition.test(scrape)) {
                return scrape;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no scrape with " + what + "; the agent's stderr:\n" + jvm.stderr());
    }

    String stderr() {
        return jvm.stderr();
    }

    /** SIGKILL, as the OOM killer or a preempted node would end it: no shutdown hook runs. */
    void kill() throws InterruptedException {
        jvm.process().destroyForcibly().waitFor();
    }

    /** Ends the training as a user's Ctrl-C would. */
    @Override
    public void close() throws InterruptedException {
        jvm.process().destroy();
        if (!jvm.process().waitFor(30, TimeUnit.SECONDS)) {
            jvm.process().destroyForcibly();
        }
    }
}
