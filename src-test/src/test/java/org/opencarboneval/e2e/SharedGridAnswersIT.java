package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two training JVMs on one machine, both fed by the UK Carbon Intensity API (a stand-in on a local port) every 10
 * minutes: the first asks it, the second, started once the first is charged the API's value, takes that answer from
 * the machine's shared file and asks nothing, and both are charged the same intensity.
 */
@Timeout(300)
class SharedGridAnswersIT {

    private static final double GRAMS_PER_KWH = 123;

    @Test
    void aSecondJvmTakesTheAnswerTheFirstFetched() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> answer(exchange, asked));
        api.start();
        String agent = "intensity=uk,intensity.url=http://127.0.0.1:" + api.getAddress().getPort()
            + ",intensity.refresh=600";
        // a temporary directory of the test's own, so that no earlier run's answer is there to take
        Path machine = Files.createTempDirectory(TrainingJvm.workFile("").toAbsolutePath(), "shared-grid-");
        Map<String, String> environment = Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + machine);
        try (MonitoredRun first = MonitoredRun.start("e2e-shared-grid-1", "e2e-shared-grid-1", agent, environment)) {
            charged(first);
            assertEquals(2, asked.size(), "the first JVM asked for the 48 hours ahead and the past day: " + asked);
            try (MonitoredRun second = MonitoredRun.start("e2e-shared-grid-2", "e2e-shared-grid-2", agent,
                    environment)) {
                charged(second);
                assertEquals(2, asked.size(), "the second JVM asked nothing: " + asked);
            }
        } finally {
            api.stop(0);
        }
    }

    private static void charged(MonitoredRun run) throws IOException, InterruptedException {
        run.awaitScrape(s -> s.has("oce_grid_intensity_grams_per_kwh")
            && s.value("oce_grid_intensity_grams_per_kwh", "run_id", run.runId()) == GRAMS_PER_KWH,
            "the API's intensity in force");
    }

    /** Half-hour slots at the API's value, 96 ahead of the slot the path names or 48 behind it. */
    private static void answer(HttpExchange exchange, List<String> asked) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            asked.add(path);
            String[] parts = path.split("/");
            Instant slot = Instant.parse(parts[2].replace("Z", ":00Z"));
            boolean ahead = path.endsWith("/fw48h");
            List<String> slots = new ArrayList<>();
            for (int i = 0; i < (ahead ? 96 : 48); i++) {
                Instant from = slot.plus(Duration.ofMinutes(30L * (ahead ? i : i - 48)));
                slots.add("{\"from\": \"" + uk(from) + "\", \"to\": \"" + uk(from.plus(Duration.ofMinutes(30)))
                    + "\", \"intensity\": {\"forecast\": " + GRAMS_PER_KWH + (ahead && i > 0 ? ""
                        : ", \"actual\": " + GRAMS_PER_KWH) + ", \"index\": \"low\"}}");
            }
            byte[] body = ("{\"data\": [" + String.join(", ", slots) + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The API's time format: minutes, no seconds. */
    private static String uk(Instant time) {
        return time.toString().replace(":00Z", "Z");
    }
}
