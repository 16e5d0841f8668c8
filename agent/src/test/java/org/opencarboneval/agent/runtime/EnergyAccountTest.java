package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EnergyAccountTest {

    private final CarbonFactors carbon = new CarbonFactors("X", 0.5, 1.2);

    @Test
    void addsEachReadingsIncrementToTheResumedTotals() {
        EnergyAccount account = new EnergyAccount(carbon, new Components(1000, 100, 10), 7.0, 3600);

        account.add(new Components(3.6e6, 0, 0));
        account.addGpuTime(10, 2);
        account.add(new Components(3.6e6, 360, 36));
        account.addGpuTime(10, 0.5);

        assertEquals(new Components(1000 + 7.2e6, 460, 46), account.energy());
        assertEquals(7.0 + (7.2e6 + 396) / 3.6e6 * 1.2 * 0.5 * 1000, account.co2eGrams(), 1e-9);
        assertEquals(3600 + 20 + 5, account.gpuSeconds(), 1e-12, "two GPUs for 10 s, then half of one");
    }

    @Test
    void anIncrementThatIsNegativeOrNotFiniteAddsNothing() {
        EnergyAccount account = new EnergyAccount(carbon, Components.ZERO, 0, 0);

        account.add(new Components(500, 10, 1));
        account.add(new Components(-20, Double.NaN, Double.POSITIVE_INFINITY));
        account.addGpuTime(-1, 2);
        account.addGpuTime(1, Double.NaN);

        assertEquals(new Components(500, 10, 1), account.energy());
        assertEquals(511 / 3.6e6 * 1.2 * 0.5 * 1000, account.co2eGrams(), 1e-12);
        assertEquals(0, account.gpuSeconds());
    }

    @Test
    void gramsAreKilowattHoursTimesPueTimesIntensity() {
        assertEquals(600.0, carbon.gramsFor(3.6e6), 1e-9);
    }
}
