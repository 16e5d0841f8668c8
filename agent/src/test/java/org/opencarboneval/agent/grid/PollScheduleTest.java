package org.opencarboneval.agent.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    /** The random draw at its middle: the plain waits, 5 min, then 10, 20, 40, 60 and 60 on failure. */
    @Test
    void failuresInARowDoubleTheWaitUpToAnHourAndAnAnswerEndsIt() {
        PollSchedule schedule = new PollSchedule(FIVE_MINUTES, () -> 0.5, true);
        assertEquals(FIVE_MINUTES, schedule.afterAnswer());
        List<Long> minutes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            minutes.add(schedule.afterFailure(Optional.empty()).toMinutes());
        }
        assertEquals(List.of(5L, 10L, 20L, 40L, 60L, 60L), minutes);
        assertEquals(FIVE_MINUTES, schedule.afterAnswer(), "a whole answer is the refresh again");
        assertEquals(FIVE_MINUTES, schedule.afterFailure(Optional.empty()));
    }

    /** The provider's Retry-After, an hour at most, and up to a tenth more at random (here, half of it). */
    @Test
    void aProvidersRetryAfterIsWaitedUpToAnHour() {
        PollSchedule schedule = new PollSchedule(FIVE_MINUTES, () -> 0.5, true);
        assertEquals(Duration.ofSeconds(15 * 60 * 105 / 100),
            schedule.afterFailure(Optional.of(Duration.ofMinutes(15))));
        assertEquals(Duration.ofMinutes(10), schedule.afterFailure(Optional.of(Duration.ofSeconds(30))),
            "shorter than the backoff: the backoff");
        assertEquals(Duration.ofSeconds(3600 * 105 / 100), schedule.afterFailure(Optional.of(Duration.ofDays(2))));
    }

    /** A hundred ranks told by a rate limiter to come back in ten minutes come back over a minute, none sooner. */
    @Test
    void ranksToldTheSameRetryAfterComeBackSpreadOut() {
        SplittableRandom random = new SplittableRandom(7);
        long soonest = Long.MAX_VALUE;
        long latest = 0;
        for (int rank = 0; rank < 100; rank++) {
            long wait = new PollSchedule(FIVE_MINUTES, random::nextDouble, true)
                .afterFailure(Optional.of(Duration.ofMinutes(10))).toMillis();
            soonest = Math.min(soonest, wait);
            latest = Math.max(latest, wait);
        }
        assertTrue(soonest >= 600_000, "none sooner than asked: " + soonest);
        assertTrue(latest - soonest > 45_000 && latest <= 660_000, soonest + " to " + latest);
    }

    @Test
    void aFileIsReadAtOnceAndAgainEveryRefreshWhateverFailed() {
        PollSchedule schedule = new PollSchedule(FIVE_MINUTES, () -> 0.5, false);
        assertEquals(Duration.ZERO, schedule.first());
        for (int i = 0; i < 4; i++) {
            assertEquals(FIVE_MINUTES, schedule.afterFailure(Optional.of(Duration.ofHours(1))));
        }
    }

    @Test
    void aRefreshLongerThanAnHourIsNotShortenedByTheBackoffsBound() {
        PollSchedule schedule = new PollSchedule(Duration.ofHours(2), () -> 0.5, true);
        assertEquals(Duration.ofHours(2), schedule.afterFailure(Optional.empty()));
        assertEquals(Duration.ofHours(2), schedule.afterFailure(Optional.empty()));
    }

    /**
     * A hundred ranks started together: their first polls spread over 5 s, and a day later (288 polls each) their
     * polls are spread over the whole 5 minutes rather than bunched as they started.
     */
    @Test
    void ranksStartedTogetherDriftApart() {
        SplittableRandom random = new SplittableRandom(25);
        double[] phases = new double[100];
        double firstLatest = 0;
        for (int rank = 0; rank < phases.length; rank++) {
            PollSchedule schedule = new PollSchedule(FIVE_MINUTES, random::nextDouble, true);
            long at = schedule.first().toMillis();
            firstLatest = Math.max(firstLatest, at);
            for (int poll = 0; poll < 288; poll++) {
                at += schedule.afterAnswer().toMillis();
            }
            phases[rank] = at % FIVE_MINUTES.toMillis();
        }
        assertTrue(firstLatest <= 5_000, "first polls within 5 s: " + firstLatest);
        int[] perMinute = new int[5];
        for (double phase : phases) {
            perMinute[(int) (phase / 60_000)]++;
        }
        for (int count : perMinute) {
            assertTrue(count >= 8 && count <= 35, "each minute of the cycle has its share: "
                + java.util.Arrays.toString(perMinute));
        }
        for (int i = 0; i < 1000; i++) {
            long wait = new PollSchedule(FIVE_MINUTES, random::nextDouble, true).afterAnswer().toMillis();
            assertTrue(wait >= 270_000 && wait <= 330_000, "a tenth either way: " + wait);
        }
    }
}
