package org.opencarboneval.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HardwareCatalogueTest {

    private final HardwareCatalogue catalogue = HardwareCatalogue.bundled();

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "A100; NVIDIA A100",
        "NVIDIA A100 SXM4 80 GB; NVIDIA A100 SXM4 80 GB",
        "a100-80gb; NVIDIA A100 SXM4 80 GB",
        "NVIDIA A100-SXM4-80GB; NVIDIA A100 SXM4 80 GB",
        "V100; NVIDIA V100",
        "NVIDIA Tesla V100 DGXS 32 GB; NVIDIA Tesla V100 DGXS 32 GB",
        "H100; NVIDIA H100 SXM5",
        "NVIDIA H100 80GB HBM3; NVIDIA H100 SXM5",
        "TPUv4; Google TPU v4",
        "Google TPU v3; Google TPU v3",
        "NVIDIA A100-80GB (SXM4); NVIDIA A100 SXM4 80 GB",
        // As model cards write them (issue 16).
        "H800; NVIDIA H800 SXM",
        "A100-40G; NVIDIA A100 SXM4 40 GB",
        "A100-80G; NVIDIA A100 SXM4 80 GB",
        "H100-80G; NVIDIA H100 SXM5",
        "NVIDIA 40GB A100; NVIDIA A100 SXM4 40 GB",
        "NVIDIA DGX-A100 (8x40G); NVIDIA A100 SXM4 40 GB",
        "NVIDIA DGX-A100 (8x80G); NVIDIA A100 SXM4 80 GB",
        "H20; NVIDIA H20",
        "B200; NVIDIA B200",
        "GB200 NVL72; NVIDIA GB200",
        "AMD Instinct MI250X; AMD Instinct MI250X",
        "MI300X; AMD Instinct MI300X",
        "TPU v5p; Google TPU v5p",
        "TPU v6e; Google TPU v6e",
        "Trillium; Google TPU v6e",
    })
    void resolvesTheSpellingsUsersType(String typed, String canonical) {
        assertEquals(canonical, catalogue.resolve(typed).name());
    }

    @Test
    void coversTheDevicesTheIssueNames() {
        for (String name : new String[] {"K80", "P100", "V100 PCIe", "V100 SXM2", "T4", "A10", "A10G",
            "A100 PCIe 40GB", "A100 PCIe 80GB", "A100 SXM4 40GB", "A800", "H100 PCIe", "H200", "L4", "L40S",
            "TPU v2", "TPU v5e", "Ascend 910", "H800", "H20", "B200", "GB200", "MI250X", "MI300X", "TPU v5p",
            "TPU v6e"}) {
            assertTrue(catalogue.find(name).isPresent(), name);
        }
    }

    @Test
    void everyRowHasASourceAndPlausibleFigures() {
        for (Hardware h : catalogue.all()) {
            assertFalse(h.source().isBlank(), h.id());
            assertTrue(h.tdpWatts() >= 50 && h.tdpWatts() <= 1200, h.id());
            assertTrue(h.peakTflops() > 1 && h.peakTflops() < 5000, h.id());
            assertTrue(h.embodiedKgCo2e() > 0 && h.lifetimeYears() > 0, h.id());
        }
    }

    @Test
    void anUnknownNameListsTheClosestKnownOnes() {
        UnknownNameException e = assertThrows(UnknownNameException.class, () -> catalogue.resolve("A1000 SXM"));
        assertTrue(e.getMessage().contains("'A1000 SXM'"), e.getMessage());
        assertTrue(e.closest().stream().anyMatch(n -> n.contains("A100")), e.getMessage());
    }

    @Test
    void thePapersDevicesKeepThePapersAlphaAndTdp() {
        Hardware h100 = catalogue.resolve("NVIDIA H100 SXM5");
        assertEquals(new AlphaRange(100, 110, true), h100.alpha());
        assertEquals(700, h100.tdpWatts());
        Hardware a800 = catalogue.resolve("NVIDIA A800");
        assertEquals(a800.alpha().log10Low(), a800.alpha().log10High());
        assertFalse(catalogue.resolve("NVIDIA L4").alpha().fromPaper());
    }

    /** The peak fractions the derived ranges use are the ones the paper's own ranges imply (AlphaRange's claim). */
    @Test
    void derivedAlphaRangesSitWhereThePapersOwnRangesDo() {
        for (String name : new String[] {"NVIDIA A100", "NVIDIA H100 SXM5", "Google TPU v4"}) {
            Hardware h = catalogue.resolve(name);
            double low = new ThroughputCurve(h.alpha().log10Low()).meanThroughput(AlphaRange.REFERENCE_DEVICE_SECONDS)
                / h.peakTflops();
            double high = new ThroughputCurve(h.alpha().log10High()).meanThroughput(AlphaRange.REFERENCE_DEVICE_SECONDS)
                / h.peakTflops();
            assertTrue(low >= AlphaRange.LOW_PEAK_FRACTION - 0.01 && high <= AlphaRange.HIGH_PEAK_FRACTION + 0.01,
                name + " implies " + low + ".." + high + " of peak");
        }
        Hardware l4 = catalogue.resolve("NVIDIA L4");
        assertEquals(AlphaRange.LOW_PEAK_FRACTION * l4.peakTflops(),
            new ThroughputCurve(l4.alpha().log10Low()).meanThroughput(AlphaRange.REFERENCE_DEVICE_SECONDS), 1e-6);
    }

    @Test
    void familiesAreConsistentAcrossVariants() {
        Set<String> a100Families = catalogue.all().stream().filter(h -> h.name().contains("A100"))
            .map(Hardware::family).collect(Collectors.toSet());
        assertEquals(Set.of("A100"), a100Families);
    }

    @Test
    void embodiedCarbonIsAmortisedOverServiceLife() {
        Hardware h = catalogue.resolve("A100");
        double lifeSeconds = h.lifetimeYears() * 365.25 * 24 * 3600;
        assertEquals(h.embodiedKgCo2e(), h.embodiedKgFor(lifeSeconds), 1e-9);
        assertEquals(h.embodiedKgCo2e() / 2, h.embodiedKgFor(lifeSeconds / 2), 1e-9);
    }
}
