package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.SettingSources;
import org.opencarboneval.agent.config.SettingsException;
import org.opencarboneval.calibration.GridIntensities;
import org.opencarboneval.calibration.PueTable;

class CarbonFactorsTest {

    @Test
    void aRegionGivesItsGridIntensityAndPue() throws SettingsException {
        CarbonFactors factors = CarbonFactors.of(settings("region=DE"));

        assertEquals(GridIntensities.bundled().resolve("DE").kgPerKwh(), factors.kgPerKwh());
        assertEquals(PueTable.bundled().forRegion(GridIntensities.bundled().resolve("DE")).value(), factors.pue());
    }

    @Test
    void givenValuesWinOverTheRegion() throws SettingsException {
        CarbonFactors factors = CarbonFactors.of(settings("region=DE,ci=0.1,pue=1.05"));

        assertEquals(0.1, factors.kgPerKwh());
        assertEquals(1.05, factors.pue());
    }

    @Test
    void withoutARegionTheWorldAverageApplies() throws SettingsException {
        CarbonFactors factors = CarbonFactors.of(settings(""));

        assertEquals(GridIntensities.WORLD, factors.region());
        assertEquals(GridIntensities.bundled().world().kgPerKwh(), factors.kgPerKwh());
    }

    @Test
    void anUnknownRegionIsABadSettingNamingCloseOnes() {
        SettingsException e = assertThrows(SettingsException.class, () -> CarbonFactors.of(settings("region=Germanny")));

        assertTrue(e.getMessage().startsWith("bad setting region='Germanny'"), e.getMessage());
        assertTrue(e.getMessage().contains("closest known"), e.getMessage());
    }

    private static AgentSettings settings(String arguments) throws SettingsException {
        return AgentSettings.parse(arguments, new SettingSources(new Properties(), Map.of()));
    }
}
