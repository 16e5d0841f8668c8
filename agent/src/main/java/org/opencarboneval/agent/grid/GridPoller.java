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

import org.opencarboneval.agent.thread.Bounded;

/**
 * Polls the provider about every {@code intensity.refresh} on the agent's own daemon thread, the first time within
 * seconds, and publishes each good answer to the {@link GridFeed}. A failed poll (whatever it throws) changes nothing
 * in force and is handed to {@code failures}, which counts it and says the first; later polls try again, further
 * apart while failures go on ({@link PollSchedule}). A poll answered in part (the latest value, but not the
 * forecast) publishes what it got and is a failure too. Each fetch runs on a thread of its own and gets
 * {@link #POLL_LIMIT}: one that hangs (a connection that never answers, a network file system that stops, under
 * {@code intensity.file} or {@code intensity.share}) is a failure said with where it waits, and no other fetch
 * begins until it returns, so a hang costs one thread, never the polling.
 */
public final class GridPoller implements AutoCloseable {

    /** Far longer than a poll's requests take with their own timeouts (5 s to connect, 10 s to read, each). */
    static final Duration POLL_LIMIT = Duration.ofMinutes(2);

    private final IntensityProvider provider;
    private final GridFeed feed;
    private final Supplier<Instant> wallClock;
    private final Consumer<String> failures;
    private final PollSchedule schedule;
    private final Duration pollLimit;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "opencarboneval-grid");
        thread.setDaemon(true);
        return thread;
    });
    /** A fetch that outlived its limit and has not returned yet, and the time it began; the poller's alone. */
    private Bounded.Running<ProviderAnswer> hung;
    private Instant hungSince;

    private GridPoller(IntensityProvider provider, GridFeed feed, Duration refresh, Duration pollLimit,
            Supplier<Instant> wallClock, Consumer<String> failures) {
        this.provider = provider;
        this.feed = feed;
        this.wallClock = wallClock;
        this.failures = failures;
        this.pollLimit = pollLimit;
        this.schedule = new PollSchedule(refresh, () -> ThreadLocalRandom.current().nextDouble(), !provider.isFile());
    }

    public static GridPoller start(IntensityProvider provider, GridFeed feed, Duration refresh,
            Supplier<Instant> wallClock, Consumer<String> failures) {
        GridPoller poller = new GridPoller(provider, feed, refresh, POLL_LIMIT, wallClock, failures);
        poller.pollAfter(poller.schedule.first());
        return poller;
    }

    /** A poller that polls only when told ({@link #poll}), for tests. */
    static GridPoller unscheduled(IntensityProvider provider, GridFeed feed, Supplier<Instant> wallClock,
            Consumer<String> failures) {
        return unscheduled(provider, feed, POLL_LIMIT, wallClock, failures);
    }

    /** The same, each fetch given {@code pollLimit}. */
    static GridPoller unscheduled(IntensityProvider provider, GridFeed feed, Duration pollLimit,
            Supplier<Instant> wallClock, Consumer<String> failures) {
        return new GridPoller(provider, feed, Duration.ofMinutes(5), pollLimit, wallClock, failures);
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
            if (hung != null && !hung.isDone()) {
                failures.accept(failure(provider.describe() + " has not answered the poll begun at " + hungSince
                    + " (now in " + hung.place() + ")"));
                return schedule.afterFailure(Optional.empty());
            }
            hung = null;
            ProviderAnswer answer = fetchWithinLimit(now);
            // a file's rows may all lie ahead, and the table holds until the first, as the file says
            if (!provider.isFile() && !answer.answersFor(now)) {
                throw new IntensityException(provider.describe() + " answered no intensity for " + now
                    + answer.timeline().points().stream().findFirst()
                        .map(first -> " (its answer begins at " + first.from() + ")")
                        .orElse(" (its answer holds no values)"));
            }
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
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt(); // the agent is shutting down: nothing failed
            return schedule.afterAnswer();
        } catch (Throwable e) {
            // whatever it is, the next poll tries again: a task that throws would end the polling for good
            failures.accept(failure(provider.describe() + ": " + e));
            return schedule.afterFailure(Optional.empty());
        }
    }

    /** The provider's answer, fetched on a thread of its own, waited for up to the limit. */
    private ProviderAnswer fetchWithinLimit(Instant now) throws Exception {
        Bounded.Running<ProviderAnswer> fetch = Bounded.start("opencarboneval-grid-fetch", () -> provider.fetch(now));
        try {
            return fetch.result(pollLimit);
        } catch (Bounded.TimedOut late) {
            hung = fetch;
            hungSince = now;
            throw new IntensityException(provider.describe() + " did not answer " + late.within()
                + "; no other poll begins until it does");
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
