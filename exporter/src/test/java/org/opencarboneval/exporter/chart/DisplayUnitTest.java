package org.opencarboneval.exporter.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayUnitTest {

    @Test
    void energyReadsInTheUnitThatSuitsItsSize() {
        assertEquals("0.28 mWh", DisplayUnit.ENERGY.format(1.0), "a small run is not 0.000 kWh");
        assertEquals("1.00 mWh", DisplayUnit.ENERGY.format(3.6));
        assertEquals("12.5 Wh", DisplayUnit.ENERGY.format(45_000));
        assertEquals("3.20 kWh", DisplayUnit.ENERGY.format(3.2 * 3.6e6));
        assertEquals("278 MWh", DisplayUnit.ENERGY.format(1e12));
    }

    @Test
    void massAndPowerAndTimeToo() {
        assertEquals("12.3 mg", DisplayUnit.MASS.format(0.0123));
        assertEquals("999 g", DisplayUnit.MASS.format(999.4));
        assertEquals("1.50 kg", DisplayUnit.MASS.format(1500));
        assertEquals("0 mg", DisplayUnit.MASS.format(0));
        assertEquals("412 W", DisplayUnit.POWER.format(412.4));
        assertEquals("2.50 min", DisplayUnit.DURATION.format(150));
        assertEquals("25.0 %", DisplayUnit.PERCENT.format(0.25));
        assertEquals("n/a", DisplayUnit.ENERGY.format(Double.NaN));
    }
}
