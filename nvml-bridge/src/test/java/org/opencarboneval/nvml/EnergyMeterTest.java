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
    void intervalWithoutCounterAtBothEndsIsIntegratedOnceNotCountedTwice() {
        EnergyMeter meter = new EnergyMeter();
        meter.update(0, 100, 0);
        meter.update(-1, 100, SECOND);          // counter hiccup: power covers (0, 1]
        meter.update(500_000, 100, 2 * SECOND); // no counter baseline: power covers (1, 2]
        meter.update(600_000, 100, 3 * SECOND); // counter again: +100 J
        assertEquals(300.0, meter.joules(), 1e-9);
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
