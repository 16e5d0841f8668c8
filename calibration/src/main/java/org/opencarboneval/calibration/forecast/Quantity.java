package org.opencarboneval.calibration.forecast;

/** The two cumulative quantities a run's remaining work costs: device time and energy. */
enum Quantity {
    TIME,
    ENERGY
}
