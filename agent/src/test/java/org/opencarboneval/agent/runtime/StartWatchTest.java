package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class StartWatchTest {

    private final CountDownLatch sensorAnswers = new CountDownLatch(1);
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void aStartStillRunningAfterThePatienceIsSaidOnceWithWhereItWaits() throws Exception {
        Thread start = startThatWaitsForTheSensor();
        StartWatch.watch(start, 100, lines::add);

        awaitLines(1);
        sensorAnswers.countDown();
        start.join();

        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("the agent has been starting for 0 s, now in Unsafe.park, called from "
            + "StartWatchTest.waitForTheSensor; the training runs on"), lines.get(0));
    }

    @Test
    void aStartThatEndsInTimeSaysNothing() throws Exception {
        sensorAnswers.countDown();
        Thread start = startThatWaitsForTheSensor();
        start.join();
        StartWatch.watch(start, 100, lines::add);

        Thread.sleep(300);
        assertEquals(List.of(), lines);
    }

    private Thread startThatWaitsForTheSensor() {
        Thread start = new Thread(this::waitForTheSensor, "start");
        start.setDaemon(true);
        start.start();
        return start;
    }

    private void waitForTheSensor() {
        try {
            sensorAnswers.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitLines(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lines.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
