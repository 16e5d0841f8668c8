package org.opencarboneval.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent Prometheus-like scrapers: each on its own thread, scraping {@code /metrics} every {@code interval} from a
 * random phase (so they do not all arrive in the same millisecond), with the Accept header Prometheus sends.
 */
final class Scrapers {

    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
        + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    /** A scrape must show the run: an empty or foreign page is an error even with status 200. */
    private static final String EXPECTED_SERIES = "oce_training_steps_total";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpRequest request;

    Scrapers(URI metrics) {
        request = HttpRequest.newBuilder(metrics).header("Accept", PROMETHEUS_ACCEPT).timeout(Duration.ofSeconds(10))
            .build();
    }

    /**
     * Latencies in nanoseconds, of all scrapes and of those on a kept-alive connection (each scraper's first scrape
     * of a phase may open one); what went wrong (one line per failed scrape); the last page's size.
     */
    record Result(List<Long> latencies, List<Long> warmLatencies, List<String> errors, long characters) {
    }

    Result run(int scrapers, Duration interval, Duration length, long seed) throws InterruptedException {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> warm = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicLong size = new AtomicLong();
        SplittableRandom random = new SplittableRandom(seed);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < scrapers; i++) {
            long firstAt = start + random.nextLong(interval.toNanos());
            Thread thread = new Thread(() -> scrapeUntil(firstAt, end, interval, latencies, warm, errors, size),
                "scraper-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result(List.copyOf(latencies), List.copyOf(warm), List.copyOf(errors), size.get());
    }

    private void scrapeUntil(long firstAt, long end, Duration interval, List<Long> latencies, List<Long> warm,
            List<String> errors, AtomicLong size) {
        for (long next = firstAt; next < end; next += interval.toNanos()) {
            try {
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                long sent = System.nanoTime();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                long latency = System.nanoTime() - sent;
                latencies.add(latency);
                if (next != firstAt) {
                    warm.add(latency);
                }
                if (response.statusCode() != 200 || !response.body().contains(EXPECTED_SERIES)) {
                    errors.add("status " + response.statusCode() + ", " + response.body().length() + " characters");
                }
                size.set(response.body().length());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                errors.add(e.toString());
            }
            next = Math.max(next, System.nanoTime() - interval.toNanos()); // late: skip, never burst to catch up
        }
    }
}
