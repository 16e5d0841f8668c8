package org.opencarboneval.agent.runtime;

import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.grid.IntensityInForce;
import org.opencarboneval.agent.grid.IntensitySource;
import org.opencarboneval.agent.config.SettingsException;
import org.opencarboneval.calibration.GridIntensities;
import org.opencarboneval.calibration.GridIntensity;
import org.opencarboneval.calibration.PueTable;

/**
 * Grid carbon intensity and PUE for the run: {@code ci}/{@code pue} when given, else the configured {@code region}'s
 * values from the calibration tables, else the world average and the unknown-datacenter PUE. A snapshot carries the
 * factors in force at its sample: with an intensity provider, its intensity and {@code source} (live, forecast,
 * table or file).
 */
public record CarbonFactors(String region, double kgPerKwh, double pue, String source) {

    /** The table's (or the {@code ci} setting's) factors. */
    public CarbonFactors(String region, double kgPerKwh, double pue) {
        this(region, kgPerKwh, pue, IntensitySource.TABLE.label());
    }

    /** These factors with the intensity in force at one moment. */
    public CarbonFactors inForce(IntensityInForce intensity) {
        return new CarbonFactors(region, intensity.kgPerKwh(), pue, intensity.source().label());
    }

    public static CarbonFactors of(AgentSettings settings) throws SettingsException {
        GridIntensity grid;
        try {
            grid = settings.region().map(GridIntensities.bundled()::resolve).orElse(GridIntensities.bundled().world());
        } catch (IllegalArgumentException unknown) {
            throw new SettingsException("bad setting region='" + settings.region().orElse("") + "': "
                + unknown.getMessage());
        }
        double pue = settings.pue().isPresent() ? settings.pue().getAsDouble()
            : PueTable.bundled().forRegion(grid).value();
        return new CarbonFactors(grid.code(), settings.ci().orElse(grid.kgPerKwh()), pue);
    }

    /** Grams of CO2e for this much energy drawn by the devices (PUE adds the datacenter's overhead). */
    public double gramsFor(double joules) {
        return joules / 3.6e6 * pue * kgPerKwh * 1000;
    }
}
