package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThroughputTest {

    @Test
    void thePaceOfTheLastSamples() {
        Throughput throughput = new Throughput();
        double pace = 0;
        for (int second = 0; second <= 20; second++) {
            pace = throughput.add(second, second < 10 ? 5L * second : 50 + 20L * (second - 10));
        }
        assertEquals(20, pace, 1e-9, "the latest ten seconds' pace, not the run's mean");
    }

    /** A job restored from its checkpoint counts from an earlier step: the pace starts afresh, never negative. */
    @Test
    void aCountThatGoesBackStartsTheWindowAfresh() {
        Throughput throughput = new Throughput();
        for (int second = 0; second <= 5; second++) {
            throughput.add(second, 1000 + 10L * second);
        }
        assertEquals(0, throughput.add(6, 800), "one point: no pace yet");
        assertEquals(10, throughput.add(7, 810), 1e-9);
    }
}
