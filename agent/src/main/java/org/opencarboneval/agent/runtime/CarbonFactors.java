package org.opencarboneval.agent.runtime;

import java.util.Optional;
import java.util.function.Consumer;

import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.IntensityChoice;
import org.opencarboneval.agent.config.SettingKey;
import org.opencarboneval.agent.grid.GridProviders;
import org.opencarboneval.agent.grid.IntensityInForce;
import org.opencarboneval.agent.grid.IntensitySource;
import org.opencarboneval.agent.config.SettingsException;
import org.opencarboneval.calibration.GridIntensities;
import org.opencarboneval.calibration.GridIntensity;
import org.opencarboneval.calibration.PueTable;

/**
 * Grid carbon intensity and PUE for the run: {@code ci}/{@code pue} when given, else the configured {@code region}'s
 * values from the calibration tables (or those of the intensity provider's zone's country), else the world average
 * and the unknown-datacenter PUE. A snapshot carries the factors its interval was charged: with an intensity provider,
 * its intensity and {@code source} (live, forecast, table or file).
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

    /**
     * Without a {@code region}, an intensity provider's zone gives the country ({@link GridProviders#tableRegion});
     * where it names none, {@code notes} gets one line: the world average would stand in for the provider's silences.
     */
    public static CarbonFactors of(AgentSettings settings, Consumer<String> notes) throws SettingsException {
        Optional<String> region = settings.region().or(() -> GridProviders.tableRegion(settings));
        GridIntensity grid;
        try {
            grid = region.map(GridIntensities.bundled()::resolve).orElse(GridIntensities.bundled().world());
        } catch (IllegalArgumentException unknown) {
            throw new SettingsException("bad setting region='" + settings.region().orElse("") + "': "
                + unknown.getMessage());
        }
        double pue = settings.pue().isPresent() ? settings.pue().getAsDouble()
            : PueTable.bundled().forRegion(grid).value();
        boolean networkProvider = settings.intensity() == IntensityChoice.ELECTRICITYMAPS
            || settings.intensity() == IntensityChoice.WATTTIME;
        if (networkProvider && region.isEmpty() && settings.ci().isEmpty()) {
            notes.accept("intensity=" + settings.intensity().label() + " " + settings.text(SettingKey.INTENSITY_ZONE)
                .orElse("") + " names no country of the table and no region= is given: before its first answer, and "
                + "once its answers are stale, the run is charged the world average, " + Math.round(grid.kgPerKwh()
                * 1000) + " g/kWh; give region= (the zone's country, e.g. region=US) for that country's yearly value");
        }
        return new CarbonFactors(grid.code(), settings.ci().orElse(grid.kgPerKwh()), pue);
    }

    /** Grams of CO2e for this much energy drawn by the devices (PUE adds the datacenter's overhead). */
    public double gramsFor(double joules) {
        return joules / 3.6e6 * pue * kgPerKwh * 1000;
    }
}
