package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.progress.TotalSteps;

class ConsoleReportTest {

    private static final CarbonFactors CARBON = new CarbonFactors("DE", 0.35, 1.1);

    @Test
    void progressLineWithAKnownTotal() {
        RunSnapshot run = snapshot(1234, Optional.of(new TotalSteps(2938, "djl.fit")), 12.3);

        assertEquals("[opencarboneval] 42% 1234/2938 steps  12.3 steps/s  power 180 W  energy 12.2 Wh  "
            + "CO2e 4.1 g  forecast n/a  ETA 2m18s", ConsoleReport.line(run, JobRank.NONE));
    }

    @Test
    void progressLineWithoutATotal() {
        RunSnapshot run = snapshot(1234, Optional.empty(), 0);

        assertEquals("[opencarboneval] 1234 steps  0.0 steps/s  power 180 W  energy 12.2 Wh  CO2e 4.1 g  "
            + "forecast n/a  ETA n/a", ConsoleReport.line(run, JobRank.NONE));
    }

    @Test
    void aRankOfADistributedJobSaysWhichOnEveryLine() {
        RunSnapshot run = snapshot(1234, Optional.empty(), 0);
        JobRank rank = new JobRank(OptionalInt.of(1), OptionalInt.of(2));

        assertTrue(ConsoleReport.line(run, rank).startsWith("[opencarboneval] rank 1 of 2: 1234 steps  "),
            ConsoleReport.line(run, rank));
        assertTrue(ConsoleReport.summary(run, rank).startsWith("[opencarboneval] run r1 (rank 1 of 2): 1234 steps"),
            ConsoleReport.summary(run, rank));
    }

    @Test
    void summaryNamesTheRunEnergyPerComponentAndTheFactors() {
        assertEquals("[opencarboneval] run r1: 1234 steps in 1h02m, energy 12.2 Wh (gpu 10.0 Wh, cpu 2.00 Wh, "
            + "dram 0.200 Wh), CO2e 4.1 g (region DE, 0.350 kg/kWh, PUE 1.10)",
            ConsoleReport.summary(snapshot(1234, Optional.empty(), 0), JobRank.NONE));
    }

    @Test
    void durationsAndMassesScale() {
        assertEquals("59s", ConsoleReport.duration(Duration.ofSeconds(59)));
        assertEquals("1m00s", ConsoleReport.duration(Duration.ofSeconds(60)));
        assertEquals("2h00m", ConsoleReport.duration(Duration.ofHours(2)));
        assertEquals("999.0 g", ConsoleReport.grams(999));
        assertEquals("1.50 kg", ConsoleReport.grams(1500));
        assertEquals("1.500 kWh", ConsoleReport.energy(5.4e6));
        assertEquals("0.333 Wh", ConsoleReport.energy(1200));
    }

    private static RunSnapshot snapshot(long steps, Optional<TotalSteps> total, double rate) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        return new RunSnapshot("r1", 1, start, start.plusSeconds(3720), 3720, steps, steps * 32, 1, total, rate,
            new Components(150, 25, 5), new Components(36000, 7200, 720), List.of(), 4.1, CARBON, Optional.empty(),
            OptionalDouble.empty());
    }
}
