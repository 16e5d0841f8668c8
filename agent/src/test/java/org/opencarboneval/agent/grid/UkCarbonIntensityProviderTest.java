package org.opencarboneval.agent.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencarboneval.calibration.grid.IntensityTimeline;
import org.opencarboneval.calibration.grid.IntensityTimeline.Kind;

/** The UK Carbon Intensity client against a loopback stand-in of GRID-APIS.md section 3. */
class UkCarbonIntensityProviderTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:44:10Z");
    private static final Instant SLOT = Instant.parse("2026-12-02T18:30:00Z");

    private StandInServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    /** Half-hour slots from {@code first}: the past ones with actual values, the current and later ones without. */
    private static String slots(Instant first, int count, boolean regional) {
        StringJoiner data = new StringJoiner(",");
        for (int i = 0; i < count; i++) {
            Instant from = first.plus(30L * i, ChronoUnit.MINUTES);
            int forecast = 200 + i;
            String actual = regional ? "" : ", \"actual\": " + (from.isBefore(SLOT) ? forecast + 10 : "null");
            data.add("{\"from\": \"" + from.toString().replace(":00Z", "Z") + "\", \"to\": \""
                + from.plus(30, ChronoUnit.MINUTES).toString().replace(":00Z", "Z") + "\", \"intensity\": "
                + "{\"forecast\": " + forecast + actual + ", \"index\": \"moderate\"}"
                + (regional ? ", \"generationmix\": [{\"fuel\": \"gas\", \"perc\": 43.6}]" : "") + "}");
        }
        return "[" + data + "]";
    }

    private static StandInServer.Answer uk(StandInServer.Request request) {
        String path = request.path();
        if (path.equals("/intensity/2026-12-02T18:30Z/fw48h")) {
            return StandInServer.Answer.ok("{\"data\": " + slots(SLOT, 96, false) + "}");
        }
        if (path.equals("/intensity/2026-12-02T18:30Z/pt24h")) {
            return StandInServer.Answer.ok("{\"data\": " + slots(SLOT.minus(Duration.ofHours(24)), 48, false) + "}");
        }
        if (path.equals("/regional/intensity/2026-12-02T18:30Z/fw48h/postcode/RG41")) {
            // what the API really sends: data is an object
            return StandInServer.Answer.ok("{\"data\": {\"regionid\": 12, \"dnoregion\": \"SSE South\", "
                + "\"shortname\": \"South England\", \"postcode\": \"RG41\", \"data\": " + slots(SLOT, 96, true)
                + "}}");
        }
        if (path.equals("/regional/intensity/2026-12-02T18:30Z/fw48h/regionid/13")) {
            // what the docs show: data is a list of one region
            return StandInServer.Answer.ok("{\"data\": [{\"regionid\": 13, \"dnoregion\": \"UKPN London\", "
                + "\"shortname\": \"London\", \"data\": " + slots(SLOT, 96, true) + "}]}");
        }
        if (path.startsWith("/regional/intensity/2026-12-02T18:30Z/fw48h/postcode/")) {
            return StandInServer.Answer.status(400, "{\"error\": {\"code\": \"400 Bad Request\", \"message\": "
                + "\"Please enter a valid postcode, e.g. RG10\"}}");
        }
        return StandInServer.Answer.status(404, "{\"error\": {\"code\": \"404\", \"message\": \"not found\"}}");
    }

    private UkCarbonIntensityProvider provider(Optional<String> zone) {
        return new UkCarbonIntensityProvider(server.base(), zone,
            new ProviderHttp("UK Carbon Intensity", Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    @Test
    void nationallyThePastDayIsActualTheRestForecastAndThePastJudgesTheForecast() throws Exception {
        server = new StandInServer(UkCarbonIntensityProviderTest::uk);

        ProviderAnswer answer = provider(Optional.empty()).fetch(NOW);
        IntensityTimeline timeline = answer.timeline();

        assertEquals(48 + 96, timeline.points().size());
        assertEquals(new IntensityTimeline.Point(SLOT, 200, Kind.FORECAST), timeline.at(NOW).orElseThrow(),
            "the current half hour has no actual value yet");
        assertEquals(new IntensityTimeline.Point(SLOT.minus(Duration.ofMinutes(30)), 257, Kind.ACTUAL),
            timeline.at(SLOT.minusSeconds(1)).orElseThrow());
        assertEquals(48, answer.checked().size());
        assertEquals(new ProviderAnswer.Checked(SLOT.minus(Duration.ofHours(24)), 200, 210), answer.checked().get(0));
        assertEquals(List.of("/intensity/2026-12-02T18:30Z/fw48h", "/intensity/2026-12-02T18:30Z/pt24h"),
            server.requests().stream().map(StandInServer.Request::path).toList());
        assertTrue(server.requests().stream().allMatch(r -> r.header("Authorization") == null), "no key");
    }

    @Test
    void regionallyBothShapesOfDataAreRead() throws Exception {
        server = new StandInServer(UkCarbonIntensityProviderTest::uk);

        IntensityTimeline byPostcode = provider(Optional.of("RG41")).fetch(NOW).timeline();
        IntensityTimeline byRegion = provider(Optional.of("13")).fetch(NOW).timeline();

        assertEquals(96, byPostcode.points().size());
        assertEquals(byPostcode.points(), byRegion.points());
        assertEquals(new IntensityTimeline.Point(SLOT.plus(Duration.ofHours(1)), 202, Kind.FORECAST),
            byPostcode.at(NOW.plus(Duration.ofHours(1))).orElseThrow());
    }

    /** The past day failing, the 48 hours ahead answered: they are in force, and the answer says what it lacks. */
    @Test
    void thePastDayFailingLeavesTheForecastInForce() throws Exception {
        server = new StandInServer(r -> r.path().endsWith("pt24h") ? StandInServer.Answer.status(502, "") : uk(r));

        ProviderAnswer answer = provider(Optional.empty()).fetch(NOW);

        assertEquals(96, answer.timeline().points().size());
        assertEquals(SLOT, answer.timeline().points().get(0).from());
        assertEquals(Optional.of("its past day (UK Carbon Intensity answered HTTP 502 for"
            + " /intensity/2026-12-02T18:30Z/pt24h)"), answer.lacking().map(ProviderAnswer.Lacking::what));
    }

    @Test
    void errorsCarryTheApisMessage() throws Exception {
        server = new StandInServer(UkCarbonIntensityProviderTest::uk);

        assertEquals("UK Carbon Intensity answered HTTP 400 for /regional/intensity/2026-12-02T18:30Z/fw48h/postcode/"
            + "ZZ9: Please enter a valid postcode, e.g. RG10", assertThrows(IntensityException.class,
                () -> provider(Optional.of("ZZ9")).fetch(NOW)).getMessage());

        server.respondWith(r -> StandInServer.Answer.status(500, "{\"error\": {\"code\": \"500 Internal Server "
            + "Error\", \"message\": \"Internal Server Error\"}}"));
        assertEquals("UK Carbon Intensity answered HTTP 500 for /intensity/2026-12-02T18:30Z/fw48h: Internal Server "
            + "Error", assertThrows(IntensityException.class, () -> provider(Optional.empty()).fetch(NOW))
                .getMessage());

        server.respondWith(r -> StandInServer.Answer.ok("{\"data\": [{\"from\": \"2026-12-02T18:30Z\", "
            + "\"intensity\": {\"actual\": 12}}]}"));
        assertEquals("UK Carbon Intensity sent a malformed answer for /intensity/2026-12-02T18:30Z/fw48h: field "
            + "'forecast': expected a number, got nothing", assertThrows(IntensityException.class,
                () -> provider(Optional.empty()).fetch(NOW)).getMessage());
    }
}
