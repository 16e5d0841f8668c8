package org.opencarboneval.calibration;

/** A power usage effectiveness figure with where it comes from. */
public record Pue(String provider, double value, int year, String source) {
}
