package org.opencarboneval.agent.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencarboneval.calibration.grid.IntensityTimeline;
import org.opencarboneval.calibration.grid.IntensityTimeline.Kind;

/** The Electricity Maps client against a loopback stand-in serving the v3 shapes of GRID-APIS.md section 1. */
class ElectricityMapsProviderTest {

    static final String TOKEN = "em-token-1";
    private static final Instant NOW = Instant.parse("2026-12-02T18:33:00Z");
    private static final Instant HOUR = NOW.truncatedTo(ChronoUnit.HOURS);

    private final List<String> console = new ArrayList<>();
    private StandInServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    /** latest (the hour's start, a float value, the live fields) and a 24 h forecast of 25 hourly points. */
    static StandInServer.Answer electricityMaps(StandInServer.Request request, int forecastStatus) {
        if (!TOKEN.equals(request.header("auth-token"))) {
            return StandInServer.Answer.status(401, "{\"message\": \"Invalid authentication token\"}");
        }
        if (!"zone=DE".equals(request.query())) {
            return StandInServer.Answer.status(400, "{\"message\": \"Zone is required\"}");
        }
        return switch (request.path()) {
            case "/v3/carbon-intensity/latest" -> StandInServer.Answer.ok("{\"zone\":\"DE\",\"carbonIntensity\":"
                + "302.5,\"datetime\":\"" + HOUR + "\",\"updatedAt\":\"" + NOW.minusSeconds(120) + "\","
                + "\"emissionFactorType\":\"lifecycle\",\"isEstimated\":true,"
                + "\"estimationMethod\":\"TIME_SLICER_AVERAGE\"}");
            case "/v3/carbon-intensity/forecast" -> forecastStatus != 200
                ? StandInServer.Answer.status(forecastStatus, "{\"message\": \"Your plan does not include the "
                    + "forecast endpoint\"}")
                : StandInServer.Answer.ok(forecast());
            default -> StandInServer.Answer.status(404, "{\"message\": \"not found\"}");
        };
    }

    private static String forecast() {
        StringJoiner points = new StringJoiner(",");
        for (int hour = 0; hour <= 24; hour++) {
            points.add("{\"datetime\":\"" + HOUR.plus(hour, ChronoUnit.HOURS).toString().replace("Z", "+00:00")
                + "\",\"carbonIntensity\":" + (300 + 10 * hour) + "}");
        }
        return "{\"zone\":\"DE\",\"updatedAt\":\"" + NOW + "\",\"forecast\":[" + points + "]}";
    }

    /** A provider asking the stand-in at {@code base} with the token it takes, 2 s to connect and to read. */
    static ElectricityMapsProvider standIn(URI base, Consumer<String> console) {
        return new ElectricityMapsProvider(base, "DE", TOKEN,
            new ProviderHttp("Electricity Maps", Duration.ofSeconds(2), Duration.ofSeconds(2)), console);
    }

    private ElectricityMapsProvider provider(String token, Duration readTimeout) {
        return new ElectricityMapsProvider(server.base(), "DE", token,
            new ProviderHttp("Electricity Maps", Duration.ofSeconds(2), readTimeout), console::add);
    }

    @Test
    void latestIsTheHourInForceAndTheForecastFollows() throws Exception {
        server = new StandInServer(r -> electricityMaps(r, 200));

        IntensityTimeline timeline = provider(TOKEN, Duration.ofSeconds(5)).fetch(NOW).timeline();

        assertEquals(25, timeline.points().size(), "latest, then the 24 forecast hours after it");
        assertEquals(new IntensityTimeline.Point(HOUR, 302.5, Kind.ACTUAL), timeline.at(NOW).orElseThrow());
        assertEquals(new IntensityTimeline.Point(HOUR.plus(3, ChronoUnit.HOURS), 330, Kind.FORECAST),
            timeline.at(NOW.plus(3, ChronoUnit.HOURS)).orElseThrow());
        assertEquals(HOUR.plus(24, ChronoUnit.HOURS), timeline.horizon().orElseThrow());
        assertTrue(server.requests().stream().allMatch(r -> TOKEN.equals(r.header("auth-token"))));
        assertEquals(List.of(), console);
    }

    @Test
    void aForecastTheTokenMayNotHaveIsSaidOnceAndNotAskedForAgain() throws Exception {
        server = new StandInServer(r -> electricityMaps(r, 403));
        ElectricityMapsProvider provider = provider(TOKEN, Duration.ofSeconds(5));

        IntensityTimeline first = provider.fetch(NOW).timeline();
        IntensityTimeline second = provider.fetch(NOW.plusSeconds(300)).timeline();

        assertEquals(List.of(new IntensityTimeline.Point(HOUR, 302.5, Kind.ACTUAL)), first.points());
        assertEquals(first.points(), second.points());
        assertEquals(1, console.size(), console.toString());
        assertTrue(console.get(0).startsWith("Electricity Maps gives this token no forecast (Electricity Maps "
            + "answered HTTP 403 for /v3/carbon-intensity/forecast: Your plan does not include"), console.get(0));
        assertEquals(List.of("/v3/carbon-intensity/latest", "/v3/carbon-intensity/forecast",
            "/v3/carbon-intensity/latest"), server.requests().stream().map(StandInServer.Request::path).toList());
    }

    @Test
    void aRejectedTokenFailsWithTheProvidersMessage() throws Exception {
        server = new StandInServer(r -> electricityMaps(r, 200));

        IntensityException failure = assertThrows(IntensityException.class,
            () -> provider("wrong", Duration.ofSeconds(5)).fetch(NOW));

        assertEquals("Electricity Maps answered HTTP 401 for /v3/carbon-intensity/latest: Invalid authentication "
            + "token", failure.getMessage());
    }

    @Test
    void rateLimitsAndServerErrorsFailTheFetch() throws Exception {
        server = new StandInServer(r -> StandInServer.Answer.status(429, "{\"message\": \"Too many requests\"}"));
        ElectricityMapsProvider provider = provider(TOKEN, Duration.ofSeconds(5));
        assertEquals("Electricity Maps answered HTTP 429 for /v3/carbon-intensity/latest: Too many requests",
            assertThrows(IntensityException.class, () -> provider.fetch(NOW)).getMessage());

        server.respondWith(r -> StandInServer.Answer.status(503, "<html>Service Unavailable</html>"));
        assertEquals("Electricity Maps answered HTTP 503 for /v3/carbon-intensity/latest",
            assertThrows(IntensityException.class, () -> provider.fetch(NOW)).getMessage());
    }

    /**
     * The latest value answered, the forecast failing otherwise than by refusal: the answer is the new value and says
     * what it lacks (the poller counts it); the feed keeps the last forecast it had ahead of it, whichever process
     * fetched that one (a rank that took the others' shared answers until now has none of its own).
     */
    @Test
    void aForecastThatFailsForAWhileKeepsTheLatestValueAndTheLastForecast() throws Exception {
        server = new StandInServer(r -> electricityMaps(r, 200));
        IntensityTimeline before = provider(TOKEN, Duration.ofSeconds(5)).fetch(NOW).timeline();
        GridFeed feed = GridFeed.fedBy(provider(TOKEN, Duration.ofSeconds(5)), 481);
        feed.publish(new ProviderAnswer(before, List.of(), Optional.empty()), NOW);

        server.respondWith(r -> r.path().endsWith("forecast") ? StandInServer.Answer.status(500, "{}")
            : electricityMaps(r, 200));
        ElectricityMapsProvider rank = provider(TOKEN, Duration.ofSeconds(5));
        ProviderAnswer partial = rank.fetch(NOW.plusSeconds(300));

        assertEquals(Optional.of("its forecast (Electricity Maps answered HTTP 500 for /v3/carbon-intensity/forecast)"),
            partial.lacking().map(ProviderAnswer.Lacking::what));
        assertEquals(1, partial.timeline().points().size(), "the latest value alone");
        feed.publish(partial, NOW.plusSeconds(300));
        assertEquals(before.points(), feed.outlook(NOW.plusSeconds(300)).points().subList(0,
            before.points().size()), "the latest (the same hour here), then the 24 hours the last answer foresaw");
        assertEquals(List.of(), console, "not a refusal: the forecast is asked for again");
        rank.fetch(NOW.plusSeconds(600));
        assertEquals(3, server.requests().stream().filter(r -> r.path().endsWith("forecast")).count());
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeFails() throws Exception {
        server = new StandInServer(r -> new StandInServer.Answer(200, "{}", 2_000));

        IntensityException failure = assertThrows(IntensityException.class,
            () -> provider(TOKEN, Duration.ofMillis(200)).fetch(NOW));

        assertTrue(failure.getMessage().startsWith("Electricity Maps did not answer /v3/carbon-intensity/latest "
            + "within"), failure.getMessage());
    }

    @Test
    void malformedAnswersFailNamingWhatIsWrong() throws Exception {
        server = new StandInServer(r -> StandInServer.Answer.ok("{\"zone\":\"DE\",\"carbonIntensity\":"));
        ElectricityMapsProvider provider = provider(TOKEN, Duration.ofSeconds(5));
        assertTrue(assertThrows(IntensityException.class, () -> provider.fetch(NOW)).getMessage()
            .startsWith("Electricity Maps sent malformed JSON for /v3/carbon-intensity/latest: "));

        server.respondWith(r -> StandInServer.Answer.ok("{\"zone\":\"DE\",\"carbonIntensity\":\"302\","
            + "\"datetime\":\"" + HOUR + "\"}"));
        assertEquals("Electricity Maps sent a malformed answer for /v3/carbon-intensity/latest: field "
            + "'carbonIntensity': expected a number, got the string \"302\"",
            assertThrows(IntensityException.class, () -> provider.fetch(NOW)).getMessage());

        server.respondWith(r -> StandInServer.Answer.ok("{\"zone\":\"DE\",\"carbonIntensity\":302,"
            + "\"datetime\":\"yesterday\"}"));
        assertTrue(assertThrows(IntensityException.class, () -> provider.fetch(NOW)).getMessage()
            .contains("'yesterday' is not an ISO-8601 time"));
    }
}
