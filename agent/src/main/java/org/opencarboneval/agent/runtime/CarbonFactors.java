package org.opencarboneval.agent.runtime;

import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.SettingsException;
import org.opencarboneval.calibration.GridIntensities;
import org.opencarboneval.calibration.GridIntensity;
import org.opencarboneval.calibration.PueTable;

/**
 * Grid carbon intensity and PUE for the run: {@code ci}/{@code pue} when given, else the configured {@code region}'s
 * values from the calibration tables, else the world average and the unknown-datacenter PUE.
 */
public record CarbonFactors(String region, double kgPerKwh, double pue) {

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
