package org.opencarboneval.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EnergyMeterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void powerFromCounterWhenTheDeviceReportsNone() {
        EnergyMeter meter = new EnergyMeter();
        meter.update(10_000, Double.NaN, 0);
        meter.update(310_000, Double.NaN, 2 * SECOND);
        assertEquals(300.0, meter.joules(), 1e-9);
        assertEquals(150.0, meter.powerWatts(), 1e-9);
        assertEquals(EnergyMethod.ENERGY_COUNTER, meter.method());
    }

    @Test
    void counterHiccupIsCoveredByTheNextGoodReadingNotCountedTwice() {
        EnergyMeter meter = new EnergyMeter();
        meter.update(0, 100, 0);
        meter.update(-1, 100, SECOND);          // counter hiccup: power covers (0, 1] for now, 100 J
        assertEquals(100.0, meter.joules(), 1e-9);
        meter.update(500_000, 100, 2 * SECOND); // the counter says 500 J over (0, 2]: 400 J more, not 500
        assertEquals(500.0, meter.joules(), 1e-9);
        meter.update(600_000, 100, 3 * SECOND);
        assertEquals(600.0, meter.joules(), 1e-9);
    }

    @Test
    void counterAndPowerBothFailingLosesNoEnergy() {
        EnergyMeter meter = new EnergyMeter();
        meter.update(1_000, Double.NaN, 0);
        meter.update(-1, Double.NaN, SECOND);
        meter.update(301_000, Double.NaN, 2 * SECOND);
        assertEquals(300.0, meter.joules(), 1e-9);
        assertEquals(EnergyMethod.ENERGY_COUNTER, meter.method());
    }

    @Test
    void powerThatOverestimatedTheGapIsEvenedOutByLaterCounterDeltasNeverTakenBack() {
        EnergyMeter meter = new EnergyMeter();
        meter.update(0, 100, 0);
        meter.update(-1, 100, SECOND);          // 100 J by power
        meter.update(50_000, 100, 2 * SECOND);  // the counter says only 50 J over (0, 2]: energy never decreases
        assertEquals(100.0, meter.joules(), 1e-9);
        meter.update(150_000, 100, 3 * SECOND); // 100 J more by the counter, 50 of them already counted
        assertEquals(150.0, meter.joules(), 1e-9);
    }

    @Test
    void nothingToMeasureIsUnavailable() {
        EnergyMeter meter = new EnergyMeter();
        meter.update(-1, Double.NaN, 0);
        meter.update(-1, Double.NaN, SECOND);
        assertEquals(EnergyMethod.UNAVAILABLE, meter.method());
        assertEquals(0.0, meter.joules());
    }
}
