package org.opencarboneval.agent.grid;

/** The grid's intensity at one moment and where it came from. */
public record IntensityInForce(double gramsPerKwh, IntensitySource source) {

    public double kgPerKwh() {
        return gramsPerKwh / 1000;
    }
}
