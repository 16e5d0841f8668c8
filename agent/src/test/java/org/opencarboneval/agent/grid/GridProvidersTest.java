package org.opencarboneval.agent.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.SettingSources;
import org.opencarboneval.agent.config.SettingsException;

/** Each intensity= choice checks the settings it needs, refuses those it does not take, and names what it accepts. */
class GridProvidersTest {

    private static final SettingSources NONE = new SettingSources(new Properties(), Map.of());

    @TempDir
    Path dir;

    private static String problem(String arguments) {
        return assertThrows(SettingsException.class,
            () -> GridProviders.from(AgentSettings.parse(arguments, NONE), w -> { })).getMessage();
    }

    @Test
    void badValuesAreNamedWithWhatIsAccepted() {
        assertEquals("bad setting intensity='ember': expected one of table, file, electricitymaps, watttime, uk",
            problem("intensity=ember"));
        assertEquals("bad setting intensity.url='127.0.0.1:8080': expected an http or https URL, e.g. "
            + "http://127.0.0.1:8080", problem("intensity=uk,intensity.url=127.0.0.1:8080"));
        assertEquals("bad setting intensity.refresh='0': expected a number of seconds greater than 0, e.g. 1 or 0.5",
            problem("intensity=uk,intensity.refresh=0"));
        assertEquals("bad setting budget.co2e='5': expected a mass greater than 0 with its unit g, kg or t, e.g. 5kg",
            problem("budget.co2e=5"));
        assertEquals("bad setting budget.energy='50kW': expected an energy greater than 0 with its unit J, Wh, kWh "
            + "or MWh, e.g. 50kWh", problem("budget.energy=50kW"));
        assertEquals("bad setting intensity.zone='RG41 1AA' for intensity=uk: expected a region id from 1 to 17 or an "
            + "outward postcode such as RG41 or SW1 (not a full postcode), or no zone for the national figures",
            problem("intensity=uk,intensity.zone=RG41 1AA"));
        assertTrue(problem("intensity=uk,intensity.zone=18").startsWith("bad setting intensity.zone='18'"));
    }

    @Test
    void eachProviderNeedsItsSettingsAndTakesNoOthers() {
        assertEquals("intensity=electricitymaps needs intensity.zone, the provider's zone or region, e.g. DE or "
            + "US-CAL-CISO", problem("intensity=electricitymaps,intensity.token=t"));
        assertEquals("intensity=electricitymaps needs intensity.token.file (or intensity.token): the auth-token from "
            + "api-portal.electricitymaps.com", problem("intensity=electricitymaps,intensity.zone=DE"));
        assertEquals("give intensity.token or intensity.token.file, not both",
            problem("intensity=electricitymaps,intensity.zone=DE,intensity.token=t,intensity.token.file=/t"));
        assertEquals("intensity=watttime needs intensity.user",
            problem("intensity=watttime,intensity.zone=CAISO_NORTH"));
        assertEquals("intensity=file needs intensity.file, a CSV of time,g_per_kwh,kind rows",
            problem("intensity=file"));
        assertEquals("intensity.zone does not apply to intensity=table (the default; set intensity=file, "
            + "electricitymaps, watttime or uk)", problem("intensity.zone=DE"));
        assertEquals("intensity.token does not apply to intensity=uk; it takes intensity.url, intensity.zone, "
            + "intensity.refresh, intensity.share", problem("intensity=uk,intensity.token=t"));
        assertTrue(problem("intensity=electricitymaps,intensity.zone=DE,intensity.token.file=" + dir.resolve("none"))
            .startsWith("intensity.token.file='" + dir.resolve("none") + "' cannot be read: "));
    }

    @Test
    void aFileIsReadBeforeTheRunAndSecretsComeFromTheirFiles() throws Exception {
        Path csv = dir.resolve("ci.csv");
        Files.writeString(csv, "time,g_per_kwh\n");
        assertTrue(problem("intensity=file,intensity.file=" + csv).startsWith("intensity.file='" + csv + "' line 1: "));

        Files.writeString(dir.resolve("token"), "em-token-1\n");
        IntensityProvider provider = GridProviders.from(AgentSettings.parse("intensity=electricitymaps,"
            + "intensity.zone=DE,intensity.token.file=" + dir.resolve("token"), NONE), w -> { }).orElseThrow();
        assertInstanceOf(SharedAnswers.class, provider);
        assertEquals("electricitymaps DE", provider.describe());
        assertEquals(java.util.Optional.empty(), GridProviders.from(AgentSettings.parse("", NONE), w -> { }));
    }

    /** A directory all of a job's nodes mount shares one answer across the job; a file feed shares nothing. */
    @Test
    void intensityShareIsTheDirectoryTheAnswersAreSharedThrough() throws Exception {
        try (StandInServer server = new StandInServer(r -> ElectricityMapsProviderTest.electricityMaps(r, 200))) {
            String arguments = "intensity=electricitymaps,intensity.zone=DE,intensity.token="
                + ElectricityMapsProviderTest.TOKEN
                + ",intensity.url="
                + server.base() + ",intensity.share=" + dir;
            GridProviders.from(AgentSettings.parse(arguments, NONE), w -> { }).orElseThrow().fetch(Instant.now());
            GridProviders.from(AgentSettings.parse(arguments, NONE), w -> { }).orElseThrow().fetch(Instant.now());
            assertEquals(2, server.requests().size(), "one poll's two requests: the second process took its answer");
            try (var files = Files.list(dir)) {
                assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("opencarboneval-grid-"))
                    .count());
            }
        }
        assertEquals("intensity.share does not apply to intensity=file; it takes intensity.file, intensity.refresh",
            problem("intensity=file,intensity.share=" + dir));
    }

    /**
     * An intensity file whose read hangs (a network file system that has stopped; here a named pipe nobody writes)
     * does not hold up the application's start: one line, and the run goes on with the provider.
     */
    @Test
    void anIntensityFileThatHangsDoesNotHoldUpTheStart() throws Exception {
        Path pipe = dir.resolve("ci.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
        List<String> console = new ArrayList<>();
        try {
            IntensityProvider provider = GridProviders.from(AgentSettings.parse("intensity=file,intensity.file="
                + pipe, NONE), console::add, Duration.ofSeconds(1)).orElseThrow();
            assertEquals("file " + pipe, provider.describe());
            assertEquals(1, console.size(), console.toString());
            assertTrue(console.get(0).startsWith("intensity.file='" + pipe + "' was not read within 1 s (now in "),
                console.get(0));
        } finally {
            try (var writer = Files.newOutputStream(pipe)) {
                writer.flush(); // lets the blocked read end
            }
        }
    }

    @Test
    void budgetsParseTheirUnits() throws Exception {
        AgentSettings settings = AgentSettings.parse("budget.co2e=5kg,budget.energy=1.5 MWh", NONE);
        assertEquals(5000, settings.budgetGrams().getAsDouble(), 1e-9);
        assertEquals(5.4e9, settings.budgetJoules().getAsDouble(), 1e-3);
        assertEquals(2e6, AgentSettings.parse("budget.co2e=2t,budget.energy=3.6e6J", NONE).budgetGrams().getAsDouble());
        assertEquals(200 * 3600.0, AgentSettings.parse("budget.energy=200Wh", NONE).budgetJoules().getAsDouble());
    }
}
