package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.SettingSources;
import org.opencarboneval.agent.config.SettingsException;
import org.opencarboneval.calibration.GridIntensities;
import org.opencarboneval.calibration.PueTable;

class CarbonFactorsTest {

    private final List<String> notes = new ArrayList<>();

    @Test
    void aRegionGivesItsGridIntensityAndPue() throws SettingsException {
        CarbonFactors factors = CarbonFactors.of(settings("region=DE"), notes::add);

        assertEquals(GridIntensities.bundled().resolve("DE").kgPerKwh(), factors.kgPerKwh());
        assertEquals(PueTable.bundled().forRegion(GridIntensities.bundled().resolve("DE")).value(), factors.pue());
    }

    @Test
    void givenValuesWinOverTheRegion() throws SettingsException {
        CarbonFactors factors = CarbonFactors.of(settings("region=DE,ci=0.1,pue=1.05"), notes::add);

        assertEquals(0.1, factors.kgPerKwh());
        assertEquals(1.05, factors.pue());
    }

    @Test
    void withoutARegionTheWorldAverageApplies() throws SettingsException {
        CarbonFactors factors = CarbonFactors.of(settings(""), notes::add);

        assertEquals(GridIntensities.WORLD, factors.region());
        assertEquals(GridIntensities.bundled().world().kgPerKwh(), factors.kgPerKwh());
    }

    /**
     * Without a region, an intensity provider's zone gives the country the table's value is taken from, which stands
     * in before its first answer and once its answers are stale; a zone of no country in the table says so.
     */
    @Test
    void withoutARegionTheProvidersZoneGivesTheCountry() throws SettingsException {
        assertEquals("FR", CarbonFactors.of(providerSettings("intensity=electricitymaps,intensity.zone=FR"),
            notes::add).region());
        assertEquals("US", CarbonFactors.of(providerSettings("intensity=electricitymaps,intensity.zone=US-CAL-CISO"),
            notes::add).region());
        CarbonFactors uk = CarbonFactors.of(settings("intensity=uk,intensity.zone=13"), notes::add);
        assertEquals("GB", uk.region());
        assertEquals(GridIntensities.bundled().resolve("GB").kgPerKwh(), uk.kgPerKwh());
        assertEquals(List.of(), notes);
        assertEquals("DE", CarbonFactors.of(providerSettings("intensity=electricitymaps,intensity.zone=FR,region=DE"),
            notes::add).region(), "a region given wins");

        CarbonFactors caiso = CarbonFactors.of(settings("intensity=watttime,intensity.zone=CAISO_NORTH,"
            + "intensity.user=u,intensity.password=p"), notes::add);
        assertEquals(GridIntensities.WORLD, caiso.region());
        assertEquals(List.of("intensity=watttime CAISO_NORTH names no country of the table and no region= is given: "
            + "before its first answer, and once its answers are stale, the run is charged the world average, "
            + Math.round(caiso.kgPerKwh() * 1000) + " g/kWh; give region= (the zone's country, e.g. region=US) for "
            + "that country's yearly value"), notes);
        notes.clear();
        CarbonFactors.of(settings("intensity=watttime,intensity.zone=CAISO_NORTH,intensity.user=u,"
            + "intensity.password=p,ci=0.2"), notes::add);
        assertEquals(List.of(), notes, "a ci given stands in instead");
    }

    @Test
    void anUnknownRegionIsABadSettingNamingCloseOnes() {
        SettingsException e = assertThrows(SettingsException.class, () -> CarbonFactors.of(settings("region=Germanny"), notes::add));

        assertTrue(e.getMessage().startsWith("bad setting region='Germanny'"), e.getMessage());
        assertTrue(e.getMessage().contains("closest known"), e.getMessage());
    }

    private static AgentSettings providerSettings(String arguments) throws SettingsException {
        return settings(arguments + ",intensity.token=t");
    }

    private static AgentSettings settings(String arguments) throws SettingsException {
        return AgentSettings.parse(arguments, new SettingSources(new Properties(), Map.of()));
    }
}
