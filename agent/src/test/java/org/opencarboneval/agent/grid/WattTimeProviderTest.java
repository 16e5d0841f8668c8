package org.opencarboneval.agent.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencarboneval.calibration.grid.IntensityTimeline;
import org.opencarboneval.calibration.grid.IntensityTimeline.Kind;

/** The WattTime v3 client, login included, against a loopback stand-in of GRID-APIS.md section 2. */
class WattTimeProviderTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:35:00Z");
    private static final String BASIC = "Basic " + Base64.getEncoder()
        .encodeToString("ada:s3cret:with-colon".getBytes(StandardCharsets.UTF_8));

    private StandInServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * /login hands out token-1, token-2... ; /v3/forecast wants the latest token (an older one has expired: 401),
     * serves CAISO_NORTH only (403 elsewhere, as for a preview account), and 12 x horizon_hours 5-minute points.
     */
    static final class WattTime implements StandInServer.Responder {
        final AtomicInteger logins = new AtomicInteger();
        volatile String units = "lbs_co2_per_mwh";

        @Override
        public StandInServer.Answer answer(StandInServer.Request request) {
            if (request.path().equals("/login")) {
                return BASIC.equals(request.header("Authorization"))
                    ? StandInServer.Answer.ok("{\"token\": \"token-" + logins.incrementAndGet() + "\"}")
                    : StandInServer.Answer.status(401, "{\"error\": \"Unauthorized\"}");
            }
            if (!request.path().equals("/v3/forecast")) {
                return StandInServer.Answer.status(404, "{\"error\": \"not found\"}");
            }
            if (!("Bearer token-" + logins.get()).equals(request.header("Authorization"))) {
                return StandInServer.Answer.status(401, "{\"error\": \"token expired\"}");
            }
            if (!request.query().contains("region=CAISO_NORTH")) {
                return StandInServer.Answer.status(403, "{\"error\": \"Invalid query parameters\", \"message\": "
                    + "\"Invalid scope. You do not have sufficient access to this resource.\"}");
            }
            assertTrue(request.query().contains("signal_type=co2_moer"), request.query());
            int hours = Integer.parseInt(request.query().replaceAll(".*horizon_hours=(\\d+).*", "$1"));
            StringJoiner points = new StringJoiner(",");
            for (int i = 0; i < Math.max(1, 12 * hours); i++) {
                points.add("{\"point_time\": \"" + NOW.plusSeconds(300L * i).toString().replace("Z", "+00:00")
                    + "\", \"value\": " + (1000 - i) + "}");
            }
            return StandInServer.Answer.ok("{\"data\": [" + points + "], \"meta\": {\"data_point_period_seconds\": "
                + "300, \"region\": \"CAISO_NORTH\", \"warnings\": [], \"signal_type\": \"co2_moer\", \"model\": "
                + "{\"date\": \"2023-03-01\"}, \"units\": \"" + units + "\", \"generated_at_period_seconds\": 300, "
                + "\"generated_at\": \"" + NOW + "\"}}");
        }
    }

    private WattTimeProvider provider(String region, String password) {
        return new WattTimeProvider(server.base(), region, "ada", password,
            new ProviderHttp("WattTime", Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    @Test
    void logsInAndReadsTheDayAheadInGramsPerKilowattHour() throws Exception {
        WattTime stub = new WattTime();
        server = new StandInServer(stub);

        IntensityTimeline timeline = provider("CAISO_NORTH", "s3cret:with-colon").fetch(NOW).timeline();

        assertEquals(288, timeline.points().size(), "24 h of 5-minute points");
        IntensityTimeline.Point first = timeline.at(NOW).orElseThrow();
        assertEquals(Kind.FORECAST, first.kind());
        assertEquals(1000 * 0.45359237, first.gramsPerKwh(), 1e-9, "1000 lbs/MWh is 453.6 g/kWh");
        assertEquals(NOW.plusSeconds(300L * 287), timeline.horizon().orElseThrow());
        assertEquals(1, stub.logins.get());
    }

    @Test
    void logsInAgainBeforeTheTokenExpiresAndOnceOnA401() throws Exception {
        WattTime stub = new WattTime();
        server = new StandInServer(stub);
        WattTimeProvider provider = provider("CAISO_NORTH", "s3cret:with-colon");

        provider.fetch(NOW);
        provider.fetch(NOW.plus(Duration.ofMinutes(10)));
        assertEquals(1, stub.logins.get(), "the token is still good after 10 minutes");
        provider.fetch(NOW.plus(Duration.ofMinutes(26)));
        assertEquals(2, stub.logins.get(), "a new token before the 30 minutes are up");

        stub.logins.incrementAndGet(); // the server expires the agent's token early
        provider.fetch(NOW.plus(Duration.ofMinutes(27)));
        assertEquals(4, stub.logins.get(), "one login after the 401, and the retry got through");
    }

    @Test
    void aBadPasswordARegionOutsideThePlanAndARateLimitFail() throws Exception {
        WattTime stub = new WattTime();
        server = new StandInServer(stub);

        assertEquals("WattTime answered HTTP 401 for /login: Unauthorized", assertThrows(IntensityException.class,
            () -> provider("CAISO_NORTH", "wrong").fetch(NOW)).getMessage());
        assertEquals("WattTime answered HTTP 403 for /v3/forecast: Invalid scope. You do not have sufficient access "
            + "to this resource.", assertThrows(IntensityException.class,
                () -> provider("PJM_DC", "s3cret:with-colon").fetch(NOW)).getMessage());

        server.respondWith(r -> StandInServer.Answer.status(429, "{\"error\": \"Too Many Requests\"}"));
        assertEquals("WattTime answered HTTP 429 for /login: Too Many Requests", assertThrows(IntensityException.class,
            () -> provider("CAISO_NORTH", "s3cret:with-colon").fetch(NOW)).getMessage());
    }

    @Test
    void anAnswerInOtherUnitsOrMalformedIsRefused() throws Exception {
        WattTime stub = new WattTime();
        stub.units = "percentile";
        server = new StandInServer(stub);
        WattTimeProvider provider = provider("CAISO_NORTH", "s3cret:with-colon");

        assertEquals("WattTime sent /v3/forecast in units 'percentile'; expected lbs_co2_per_mwh",
            assertThrows(IntensityException.class, () -> provider.fetch(NOW)).getMessage());

        server.respondWith(r -> r.path().equals("/login") ? stub.answer(r)
            : StandInServer.Answer.ok("{\"data\": [{\"point_time\": \"2026-12-02T18:35:00+00:00\"}], "
                + "\"meta\": {\"units\": \"lbs_co2_per_mwh\"}}"));
        assertEquals("WattTime sent a malformed answer for /v3/forecast: field 'value': expected a number, got "
            + "nothing", assertThrows(IntensityException.class, () -> provider.fetch(NOW)).getMessage());

        server.respondWith(r -> r.path().equals("/login") ? stub.answer(r) : StandInServer.Answer.ok("[1, 2"));
        assertTrue(assertThrows(IntensityException.class, () -> provider.fetch(NOW)).getMessage()
            .startsWith("WattTime sent malformed JSON for /v3/forecast"));
    }
}
