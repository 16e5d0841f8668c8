package org.opencarboneval.agent.grid;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Polls the provider about every {@code intensity.refresh} on the agent's own daemon thread, the first time within
 * seconds, and publishes each good answer to the {@link GridFeed}. A failed poll (whatever it throws) changes nothing
 * in force and is handed to {@code failures}, which counts it and says the first; later polls try again, further
 * apart while failures go on ({@link PollSchedule}). A poll answered in part (the latest value, but not the
 * forecast) publishes what it got and is a failure too.
 */
public final class GridPoller implements AutoCloseable {

    private final IntensityProvider provider;
    private final GridFeed feed;
    private final Supplier<Instant> wallClock;
    private final Consumer<String> failures;
    private final PollSchedule schedule;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "opencarboneval-grid");
        thread.setDaemon(true);
        return thread;
    });

    private GridPoller(IntensityProvider provider, GridFeed feed, Duration refresh, Supplier<Instant> wallClock,
            Consumer<String> failures) {
        this.provider = provider;
        this.feed = feed;
        this.wallClock = wallClock;
        this.failures = failures;
        this.schedule = new PollSchedule(refresh, () -> ThreadLocalRandom.current().nextDouble(), !provider.isFile());
    }

    public static GridPoller start(IntensityProvider provider, GridFeed feed, Duration refresh,
            Supplier<Instant> wallClock, Consumer<String> failures) {
        GridPoller poller = new GridPoller(provider, feed, refresh, wallClock, failures);
        poller.pollAfter(poller.schedule.first());
        return poller;
    }

    /** A poller that polls only when told ({@link #poll}), for tests. */
    static GridPoller unscheduled(IntensityProvider provider, GridFeed feed, Supplier<Instant> wallClock,
            Consumer<String> failures) {
        return new GridPoller(provider, feed, Duration.ofMinutes(5), wallClock, failures);
    }

    private void pollAfter(Duration wait) {
        try {
            timer.schedule(() -> pollAfter(poll()), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the agent is shutting down
        }
    }

    /** One poll; the wait before the next. */
    Duration poll() {
        try {
            Instant now = wallClock.get();
            ProviderAnswer answer = provider.fetch(now);
            feed.publish(answer, now);
            if (answer.lacking().isEmpty()) {
                return schedule.afterAnswer();
            }
            ProviderAnswer.Lacking lacking = answer.lacking().get();
            failures.accept("grid intensity updated without " + lacking.what() + ": " + provider.describe()
                + " answered the rest, which is in force");
            return schedule.afterFailure(lacking.retryAfter());
        } catch (IntensityException e) {
            failures.accept(failure(e.getMessage()));
            return schedule.afterFailure(e.retryAfter());
        } catch (Throwable e) {
            // whatever it is, the next poll tries again: a task that throws would end the polling for good
            failures.accept(failure(provider.describe() + ": " + e));
            return schedule.afterFailure(Optional.empty());
        }
    }

    private String failure(String what) {
        return "grid intensity not updated: " + what + "; the last value stays in force (a provider's up to "
            + GridFeed.HELD_BEYOND.toHours() + " h past its horizon), then the table's "
            + Math.round(feed.tableGramsPerKwh()) + " g/kWh";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
