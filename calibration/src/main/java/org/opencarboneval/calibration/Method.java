package org.opencarboneval.calibration;

import java.util.Locale;

/** How the a-priori estimate is made. */
public enum Method {
    /** The OpenCarbonEval paper exactly: the paper's alpha range, TDP, no PUE, mean of the two ends. */
    PAPER,
    /** Throughput and power fitted on published measured runs, the region's PUE and grid intensity. */
    CALIBRATED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
