package org.opencarboneval.calibration;

import java.util.List;

/**
 * One accelerator model from the catalogue.
 *
 * @param family          grouping used by the calibration (e.g. all A100 variants are "A100")
 * @param tdpWatts        board power the paper multiplies by
 * @param peakTflops      dense peak for the usual training precision
 * @param alpha           the throughput curve's alpha range: the paper's where it gives one, else derived from the peak
 * @param embodiedKgCo2e  manufacturing footprint of one device
 * @param lifetimeYears   service life over which that footprint is amortised
 */
public record Hardware(String id, String name, List<String> aliases, String family, String kind, double tdpWatts,
                       double peakTflops, AlphaRange alpha, double embodiedKgCo2e, double lifetimeYears,
                       String source) {

    private static final double SECONDS_PER_YEAR = 365.25 * 24 * 3600;

    /** Embodied CO2e in kg charged to {@code deviceSeconds} of use: device time over service life, times footprint. */
    public double embodiedKgFor(double deviceSeconds) {
        return deviceSeconds / (lifetimeYears * SECONDS_PER_YEAR) * embodiedKgCo2e;
    }
}
