package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EnergyAccountTest {

    private final CarbonFactors carbon = new CarbonFactors("X", 0.5, 1.2);

    @Test
    void addsEachReadingsIncrementToTheResumedTotals() {
        EnergyAccount account = new EnergyAccount(carbon, new Components(1000, 100, 10), 7.0);

        account.add(new Components(3.6e6, 0, 0));
        account.add(new Components(3.6e6, 360, 36));

        assertEquals(new Components(1000 + 7.2e6, 460, 46), account.energy());
        assertEquals(7.0 + (7.2e6 + 396) / 3.6e6 * 1.2 * 0.5 * 1000, account.co2eGrams(), 1e-9);
    }

    @Test
    void anIncrementThatIsNegativeOrNotFiniteAddsNothing() {
        EnergyAccount account = new EnergyAccount(carbon, Components.ZERO, 0);

        account.add(new Components(500, 10, 1));
        account.add(new Components(-20, Double.NaN, Double.POSITIVE_INFINITY));

        assertEquals(new Components(500, 10, 1), account.energy());
        assertEquals(511 / 3.6e6 * 1.2 * 0.5 * 1000, account.co2eGrams(), 1e-12);
    }

    @Test
    void gramsAreKilowattHoursTimesPueTimesIntensity() {
        assertEquals(600.0, carbon.gramsFor(3.6e6), 1e-9);
    }
}
