package org.opencarboneval.agent.grid;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When the grid poller asks next. Every rank of a job polls the same provider with the same token, and ranks start
 * within a second of one another: the first poll waits a random part of {@value #FIRST_SPREAD_SECONDS} s and each
 * later wait is a tenth longer or shorter at random, so that their requests spread out instead of landing together
 * every {@code intensity.refresh}. After failures in a row (a poll answered in part among them) the wait doubles
 * each time, up to about an hour (a provider that is down or rate-limiting a whole job is not asked by every rank
 * every few minutes for days), and is at least what the provider asked for ({@code Retry-After}, an hour at most),
 * and up to a tenth more, so that ranks told the same time to come back do not all come back at it. A file, local
 * and no one's service, is read at once and then every refresh whatever failed: the user fixing it should not wait
 * an hour to see it read.
 */
final class PollSchedule {

    static final long FIRST_SPREAD_SECONDS = 5;
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    static final double JITTER = 0.1;

    private final Duration refresh;
    /** Uniform in [0, 1). */
    private final DoubleSupplier random;
    /** Whether the provider is a service over the network, which a job's ranks share, rather than a file. */
    private final boolean remote;
    private int failuresInARow;

    PollSchedule(Duration refresh, DoubleSupplier random, boolean remote) {
        this.refresh = refresh.isNegative() || refresh.isZero() ? Duration.ofMillis(1) : refresh;
        this.random = random;
        this.remote = remote;
    }

    /** The wait before the first poll. */
    Duration first() {
        return remote ? Duration.ofMillis(Math.round(random.getAsDouble() * Math.min(FIRST_SPREAD_SECONDS * 1000,
            refresh.toMillis()))) : Duration.ZERO;
    }

    /** The wait after a poll the provider answered in full. */
    Duration afterAnswer() {
        failuresInARow = 0;
        return jittered(refresh);
    }

    /** The wait after a failed poll, at least {@code retryAfter} where the provider gave one. */
    Duration afterFailure(Optional<Duration> retryAfter) {
        if (!remote) {
            return jittered(refresh);
        }
        failuresInARow++;
        Duration backedOff = refresh.multipliedBy(1L << Math.min(failuresInARow - 1, 20));
        Duration wait = jittered(shorter(backedOff, longer(refresh, LONGEST_WAIT)));
        Duration asked = shorter(retryAfter.orElse(Duration.ZERO), LONGEST_WAIT);
        return wait.compareTo(asked) >= 0 ? wait : scaled(asked, 1 + JITTER * random.getAsDouble());
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private Duration jittered(Duration wait) {
        return scaled(wait, 1 + JITTER * (2 * random.getAsDouble() - 1));
    }

    private static Duration scaled(Duration wait, double factor) {
        return Duration.ofMillis(Math.max(1, Math.round(wait.toMillis() * factor)));
    }
}
