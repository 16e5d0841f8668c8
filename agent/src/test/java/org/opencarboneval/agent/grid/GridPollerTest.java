package org.opencarboneval.agent.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.runtime.AgentErrors;
import org.opencarboneval.calibration.grid.IntensityTimeline;

/**
 * A provider that fails (each error case of the stand-ins) keeps the last value in force, then the table's, with one
 * line and a count per failure; a good answer brings the provider's values back.
 */
class GridPollerTest {

    private static final Instant NOW = Instant.parse("2026-12-02T18:40:00Z");

    private final List<String> warnings = new ArrayList<>();
    private final AgentErrors errors = new AgentErrors(warnings::add);
    private final AtomicReference<Instant> clock = new AtomicReference<>(NOW);
    private StandInServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void failuresKeepTheLastValueThenTheTableAndAreCountedAndSaidOnce() throws Exception {
        server = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 403));
        ElectricityMapsProvider provider = new ElectricityMapsProvider(server.base(), "DE", "em-token-1",
            new ProviderHttp("Electricity Maps", Duration.ofSeconds(2), Duration.ofMillis(300)), w -> { });
        GridFeed feed = GridFeed.fedBy(provider, 481);
        GridPoller poller = GridPoller.unscheduled(provider, feed, clock::get,
            failure -> errors.count(AgentErrors.Kind.INTENSITY, failure));

        assertEquals(new IntensityInForce(481, IntensitySource.TABLE), feed.at(NOW), "the table until an answer");
        poller.poll();
        assertEquals(new IntensityInForce(302.5, IntensitySource.LIVE), feed.at(NOW));

        List<StandInServer.Responder> failures = List.of(
            r -> StandInServer.Answer.status(401, "{\"message\": \"Invalid token\"}"),
            r -> StandInServer.Answer.status(429, "{\"message\": \"Too many requests\"}"),
            r -> StandInServer.Answer.status(502, ""),
            r -> new StandInServer.Answer(200, "{}", 1_500),
            r -> StandInServer.Answer.ok("{\"carbonIntensity\": 12, \"datetime\": "));
        for (StandInServer.Responder failure : failures) {
            server.respondWith(failure);
            clock.set(clock.get().plus(Duration.ofMinutes(5)));
            poller.poll();
            assertEquals(new IntensityInForce(302.5, IntensitySource.LIVE), feed.at(clock.get()),
                "the last value stays in force");
        }

        assertEquals(5L, errors.counts().get("intensity"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("grid intensity not updated: Electricity Maps answered HTTP 401 for "
            + "/v3/carbon-intensity/latest: Invalid token; the last value stays in force (a provider's up to 3 h "
            + "past its horizon), then the table's 481 g/kWh (counted in oce_agent_errors_total{kind=\"intensity\"}"),
            warnings.get(0));
        Instant stale = NOW.plus(GridFeed.HELD_BEYOND).plusSeconds(1);
        assertEquals(new IntensityInForce(481, IntensitySource.TABLE), feed.at(stale),
            "3 h after the last answer the table's value is in force again");

        server.respondWith(r -> ElectricityMapsProviderTest.electricityMaps(r, 403));
        clock.set(stale);
        poller.poll();
        assertEquals(IntensitySource.LIVE, feed.at(stale).source(), "a good answer is in force at once");
        poller.close();
    }

    @Test
    void anUnreachableProviderIsAFailedPoll() throws Exception {
        server = new StandInServer(r -> StandInServer.Answer.ok("{}"));
        java.net.URI closed = server.base();
        server.close();
        UkCarbonIntensityProvider provider = new UkCarbonIntensityProvider(closed, java.util.Optional.empty(),
            new ProviderHttp("UK Carbon Intensity", Duration.ofMillis(500), Duration.ofMillis(500)));
        GridFeed feed = GridFeed.fedBy(provider, 238);

        GridPoller.unscheduled(provider, feed, clock::get, failure -> errors.count(AgentErrors.Kind.INTENSITY,
            failure)).poll();

        assertEquals(new IntensityInForce(238, IntensitySource.TABLE), feed.at(NOW));
        assertTrue(warnings.get(0).startsWith("grid intensity not updated: UK Carbon Intensity: cannot reach "
            + closed + ": java.net.ConnectException"), warnings.get(0));
    }

    /** A poll answered in part is in force and counted, like a failed one, so a forecast failing for hours shows. */
    @Test
    void aPartlyAnsweredPollIsInForceAndCounted() throws Exception {
        server = new StandInServer(r -> r.path().endsWith("forecast") ? StandInServer.Answer.status(503, "")
            : ElectricityMapsProviderTest.electricityMaps(r, 200));
        ElectricityMapsProvider provider = ElectricityMapsProviderTest.standIn(server.base(), w -> { });
        GridFeed feed = GridFeed.fedBy(provider, 481);
        GridPoller poller = GridPoller.unscheduled(provider, feed, clock::get,
            failure -> errors.count(AgentErrors.Kind.INTENSITY, failure));

        Duration first = poller.poll();
        Duration second = poller.poll();

        assertEquals(new IntensityInForce(302.5, IntensitySource.LIVE), feed.at(NOW));
        assertTrue(second.toMillis() > 1.5 * first.toMillis(), "backed off as from any failure: " + first + ", "
            + second);
        assertEquals(2L, errors.counts().get("intensity"));
        assertTrue(warnings.get(0).startsWith("grid intensity updated without its forecast (Electricity Maps answered"
            + " HTTP 503 for /v3/carbon-intensity/forecast): electricitymaps DE answered the rest, which is in force"),
            warnings.get(0));
    }

    /** A 429 with Retry-After: the poller waits what it asked; a date, which APIs seldom send, is not read. */
    @Test
    void aRateLimitedPollWaitsWhatTheProviderAsked() throws Exception {
        server = new StandInServer(r -> StandInServer.Answer.status(429, "{}").retryingAfter("1800"));
        ElectricityMapsProvider provider = ElectricityMapsProviderTest.standIn(server.base(), w -> { });
        GridPoller poller = GridPoller.unscheduled(provider, GridFeed.fedBy(provider, 481), clock::get,
            failure -> errors.count(AgentErrors.Kind.INTENSITY, failure));

        Duration wait = poller.poll();
        assertTrue(wait.compareTo(Duration.ofMinutes(30)) >= 0 && wait.compareTo(Duration.ofMinutes(33)) <= 0,
            wait.toString());

        server.respondWith(r -> StandInServer.Answer.status(429, "{}").retryingAfter("Wed, 21 Oct 2026 07:28:00 GMT"));
        wait = poller.poll();
        assertTrue(wait.compareTo(Duration.ofMinutes(9)) >= 0 && wait.compareTo(Duration.ofMinutes(11)) <= 0,
            "the second failure in a row, 10 min: " + wait);
        assertEquals(2L, errors.counts().get("intensity"));
    }

    /**
     * A fetch that hangs (a file system that stops under intensity.file or intensity.share) is a failure said with
     * where it waits, within the limit; no other fetch begins until it returns, and then polling goes on.
     */
    @Test
    void aFetchThatHangsIsAFailureSaidWithWhereItWaitsAndPollingGoesOnWhenItReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger fetches = new AtomicInteger();
        IntensityProvider hanging = new IntensityProvider() {
            @Override
            public String describe() {
                return "stalled";
            }

            @Override
            public ProviderAnswer fetch(Instant now) throws IntensityException {
                if (fetches.getAndIncrement() == 0) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new ProviderAnswer(IntensityTimeline.of(List.of(
                    new IntensityTimeline.Point(now, 123, IntensityTimeline.Kind.ACTUAL))), List.of(),
                    Optional.empty());
            }
        };
        GridFeed feed = GridFeed.fedBy(hanging, 481);
        GridPoller poller = GridPoller.unscheduled(hanging, feed, Duration.ofSeconds(1), clock::get,
            failure -> errors.count(AgentErrors.Kind.INTENSITY, failure));
        try {
            poller.poll();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("grid intensity not updated: stalled did not answer within 1 s (now "
                + "in "), warnings.get(0));
            assertTrue(warnings.get(0).contains(", called from GridPollerTest$1.fetch); no other poll begins until it "
                + "does"), warnings.get(0));
            poller.poll();
            assertEquals(1, fetches.get(), "no second fetch while the first hangs");
            assertEquals(2L, errors.counts().get("intensity"));

            release.countDown();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (feed.at(NOW).source() != IntensitySource.LIVE && System.nanoTime() < deadline) {
                poller.poll();
                Thread.sleep(20);
            }
            assertEquals(new IntensityInForce(123, IntensitySource.LIVE), feed.at(NOW));
        } finally {
            release.countDown();
            poller.close();
        }
    }

    /**
     * An answer that says nothing of now (an empty list of slots, only slots ahead) is a failed poll, not a good
     * answer that puts the run on the table's value without a word.
     */
    @Test
    void anAnswerWithNoIntensityForNowIsAFailedPoll() {
        List<List<IntensityTimeline.Point>> answers = new ArrayList<>(List.of(
            List.of(new IntensityTimeline.Point(NOW, 56, IntensityTimeline.Kind.ACTUAL)),
            List.of(),
            List.of(new IntensityTimeline.Point(NOW.plus(Duration.ofHours(2)), 70, IntensityTimeline.Kind.FORECAST))));
        IntensityProvider provider = new IntensityProvider() {
            @Override
            public String describe() {
                return "uk 13";
            }

            @Override
            public ProviderAnswer fetch(Instant now) {
                return ProviderAnswer.of(IntensityTimeline.of(answers.remove(0)));
            }
        };
        GridFeed feed = GridFeed.fedBy(provider, 481);
        GridPoller poller = GridPoller.unscheduled(provider, feed, clock::get,
            failure -> errors.count(AgentErrors.Kind.INTENSITY, failure));

        poller.poll();
        clock.set(NOW.plusSeconds(300));
        poller.poll();
        clock.set(NOW.plusSeconds(600));
        poller.poll();

        assertEquals(new IntensityInForce(56, IntensitySource.LIVE), feed.at(clock.get()), "the last answer holds");
        assertEquals(2L, errors.counts().get("intensity"));
        assertTrue(warnings.get(0).startsWith("grid intensity not updated: uk 13 answered no intensity for "
            + NOW.plusSeconds(300) + " (its answer holds no values); the last value stays in force"), warnings.get(0));
        poller.close();
    }
}
