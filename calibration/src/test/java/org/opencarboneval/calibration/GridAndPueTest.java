package org.opencarboneval.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class GridAndPueTest {

    private final GridIntensities grid = GridIntensities.bundled();
    private final PueTable pue = PueTable.bundled();

    @Test
    void coversSixtyCountriesAndTheMainCloudRegions() {
        Map<String, Long> byKind = grid.all().stream()
            .collect(Collectors.groupingBy(GridIntensity::kind, Collectors.counting()));
        assertTrue(byKind.get("country") >= 60, byKind.toString());
        for (String region : List.of("aws:us-east-1", "aws:eu-central-1", "gcp:us-central1", "gcp:europe-west4",
            "azure:westeurope", "azure:eastus")) {
            assertTrue(grid.resolve(region).isCloudRegion(), region);
        }
    }

    @Test
    void countriesResolveByCodeAndByName() {
        assertEquals(grid.resolve("DE"), grid.resolve("Germany"));
        assertEquals(grid.resolve("US"), grid.resolve("United States of America"));
        assertEquals("GB", grid.resolve("United Kingdom of Great Britain and Northern Ireland").code());
        assertEquals(0.436, grid.resolve("Multinational").kgPerKwh(), 1e-12);
    }

    @Test
    void everyIntensityIsPlausibleAndSourced() {
        for (GridIntensity g : grid.all()) {
            assertTrue(g.kgPerKwh() >= 0 && g.kgPerKwh() < 1.5, g.code());
            assertTrue(g.year() >= 2015 && g.year() <= 2026, g.code());
            assertFalse(g.source().isBlank(), g.code());
        }
    }

    @Test
    void anUnknownRegionListsTheClosest() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> grid.resolve("Germny"));
        assertTrue(e.closest().get(0).startsWith("DE"), e.getMessage());
    }

    @Test
    void cloudRegionsTakeTheirProvidersPueAndOthersTheDefault() {
        assertEquals("aws", pue.forRegion(grid.resolve("aws:us-east-1")).provider());
        assertEquals("gcp", pue.forRegion(grid.resolve("gcp:europe-west4")).provider());
        Pue unknown = pue.forRegion(grid.resolve("DE"));
        assertEquals(pue.unknownDatacenter(), unknown);
        assertTrue(unknown.value() > pue.forRegion(grid.resolve("gcp:europe-west4")).value());
    }
}
