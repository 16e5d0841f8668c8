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

    /** The names users type: AWS's us-east-1 and Google's us-east1 differ by a dash, and each finds its own. */
    @Test
    void cloudRegionNamesAsUsersTypeThem() {
        assertEquals("aws:us-east-1", grid.resolve("us-east-1").code());
        assertEquals("aws:us-east-1", grid.resolve("US-EAST-1").code());
        assertEquals("gcp:us-east1", grid.resolve("us-east1").code());
        assertEquals("aws:us-west-2", grid.resolve("us-west-2").code());
        assertEquals("gcp:us-west1", grid.resolve("us-west1").code());
        assertEquals("azure:eastus", grid.resolve("eastus").code());
        assertEquals("gcp:europe-west4", grid.resolve("europe-west4").code());
        for (String region : List.of("us-east-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-2",
                "sa-east-1", "ca-central-1", "ap-south-1", "eu-north-1", "us-central1", "europe-west1", "asia-east1",
                "northamerica-northeast1", "westeurope", "northeurope", "westus2", "uksouth", "japaneast",
                "southeastasia", "australiaeast", "southcentralus", "koreacentral")) {
            assertTrue(grid.resolve(region).isCloudRegion(), region);
        }
        UnknownNameException shared = assertThrows(UnknownNameException.class, () -> grid.resolve("useast1"));
        assertTrue(shared.closest().containsAll(List.of("aws:us-east-1 (US East (N. Virginia))",
            "gcp:us-east1 (Moncks Corner, South Carolina, North America)")), shared.closest().toString());
    }

    /** A value no source file read for the project backs says so, in the source string users read. */
    @Test
    void everyUntraceableValueSaysSo() {
        for (GridIntensity g : grid.all()) {
            assertFalse(g.source().contains("NOT re-checked"), g.code() + ": " + g.source());
            if (g.source().contains("recalled")) {
                assertTrue(g.source().contains("NOT traceable"), g.code() + ": " + g.source());
            }
            if (g.kind().equals("gcp")) {
                assertTrue(g.source().contains("region-carbon-info data/yearly/2023.csv"), g.code());
            }
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
