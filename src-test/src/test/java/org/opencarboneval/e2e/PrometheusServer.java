package org.opencarboneval.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.opencarboneval.exporter.JsonReader;

/**
 * Debian's Prometheus on 127.0.0.1 (a free port), scraping agents every second (and evaluating rules as often), with
 * its data in a fresh directory; the tests ask it questions through its HTTP API, as Grafana would.
 */
final class PrometheusServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final URI api;
    private final Path log;

    private PrometheusServer(Process process, URI api, Path log) {
        this.process = process;
        this.api = api;
        this.log = log;
    }

    static PrometheusServer scraping(int agentPort, Path directory) throws IOException, InterruptedException {
        return scraping(List.of(agentPort), List.of(), directory);
    }

    /** Scraping several agents (the ranks of a job, say), with these rule files evaluated every second. */
    static PrometheusServer scraping(List<Integer> agentPorts, List<Path> ruleFiles, Path directory)
            throws IOException, InterruptedException {
        return scraping(agentPorts, ruleFiles, directory, List.of());
    }

    /** The same, with these feature flags ({@code --enable-feature=...}) on. */
    static PrometheusServer scraping(List<Integer> agentPorts, List<Path> ruleFiles, Path directory,
                                     List<String> features) throws IOException, InterruptedException {
        Path prometheus = HostTool.required("prometheus", "prometheus");
        Files.createDirectories(directory);
        Path config = Files.writeString(directory.resolve("prometheus.yml"), """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files: [%s]
            scrape_configs:
              - job_name: opencarboneval
                static_configs:
                  - targets: [%s]
            """.formatted(ruleFiles.stream().map(f -> "'" + f.toAbsolutePath() + "'").collect(Collectors.joining(", ")),
            agentPorts.stream().map(port -> "'127.0.0.1:" + port + "'").collect(Collectors.joining(", "))));
        int port = freePort();
        Path log = directory.resolve("prometheus.log");
        List<String> command = new ArrayList<>(List.of(prometheus.toString(), "--config.file=" + config,
            "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port));
        features.forEach(feature -> command.add("--enable-feature=" + feature));
        Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port + "/"), log);
        server.awaitReady();
        return server;
    }

    /** The result of an instant query: one map per series ({@code metric} labels, {@code value} or {@code values}). */
    List<Map<String, Object>> query(String promql) throws IOException, InterruptedException {
        return query(promql, "");
    }

    /** The result of an instant query evaluated at {@code time} (Unix seconds, as results give their samples'). */
    List<Map<String, Object>> query(String promql, double time) throws IOException, InterruptedException {
        return query(promql, "&time=" + time);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> query(String promql, String parameters) throws IOException, InterruptedException {
        HttpResponse<String> response = get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + parameters);
        if (response.statusCode() != 200) {
            throw new AssertionError("query " + promql + ": " + response.statusCode() + " " + response.body());
        }
        Map<String, Object> body = (Map<String, Object>) JsonReader.parse(response.body());
        return (List<Map<String, Object>>) ((Map<String, Object>) body.get("data")).get("result");
    }

    /** Queries until the result satisfies {@code condition}; fails with the last result when the time runs out. */
    List<Map<String, Object>> await(String promql, Predicate<List<Map<String, Object>>> condition)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TrainingJvm.TIMEOUT.toNanos();
        List<Map<String, Object>> result = query(promql);
        while (!condition.test(result)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus never had the expected answer to " + promql + "; the last: "
                    + result + "\nits log:\n" + log());
            }
            Thread.sleep(500);
            result = query(promql);
        }
        return result;
    }

    /** The value of one series of an instant vector result. */
    static double value(Map<String, Object> series) {
        return Double.parseDouble((String) ((List<?>) series.get("value")).get(1));
    }

    /** The time of one series' sample in an instant vector result, in Unix seconds. */
    static double time(Map<String, Object> series) {
        return ((Number) ((List<?>) series.get("value")).get(0)).doubleValue();
    }

    /** The raw sample values of one series of a range vector result, oldest first. */
    static List<Double> values(Map<String, Object> series) {
        return ((List<?>) series.get("values")).stream()
            .map(point -> Double.parseDouble((String) ((List<?>) point).get(1)))
            .toList();
    }

    @SuppressWarnings("unchecked")
    static String label(Map<String, Object> series, String name) {
        return (String) ((Map<String, Object>) series.get("metric")).get(name);
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (get("-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new AssertionError("Prometheus did not become ready; its log:\n" + log());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
