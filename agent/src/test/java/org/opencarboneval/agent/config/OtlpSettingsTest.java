package org.opencarboneval.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.opencarboneval.exporter.otlp.OtlpOptions;

class OtlpSettingsTest {

    private static final SettingSources NONE = new SettingSources(new Properties(), Map.of());

    private static Optional<OtlpOptions> options(String arguments) throws SettingsException {
        return OtlpSettings.options(AgentSettings.parse(arguments, NONE));
    }

    @Test
    void noEndpointNoPush() throws SettingsException {
        assertEquals(Optional.empty(), options("otlp.interval=5"));
    }

    @Test
    void aBareCollectorGetsTheMetricsPathAndTheDefaultInterval() throws SettingsException {
        OtlpOptions options = options("otlp.endpoint=http://collector:4318").orElseThrow();
        assertEquals(URI.create("http://collector:4318/v1/metrics"), options.endpoint());
        assertEquals(Duration.ofSeconds(60), options.interval());
        assertEquals(Map.of(), options.headers());
        assertEquals(URI.create("https://otlp.example.com/otlp/v1/metrics"),
            options("otlp.endpoint=https://otlp.example.com/otlp/v1/metrics").orElseThrow().endpoint(),
            "a path is kept as given");
        assertEquals(Duration.ofMillis(2500), options("otlp.endpoint=http://c:4318,otlp.interval=2.5").orElseThrow()
            .interval());
    }

    @Test
    void headersSurviveTheAgentsCommasAndAreSecret() throws SettingsException {
        String arguments = "otlp.endpoint=http://c:4318,otlp.headers=Authorization=Bearer%20a%2Cb%3Bc;X-Scope-OrgID=t1";
        OtlpOptions options = options(arguments).orElseThrow();
        assertEquals(Map.of("Authorization", "Bearer a,b;c", "X-Scope-OrgID", "t1"), options.headers());
        assertEquals("***", AgentSettings.parse(arguments, NONE).given().get("otlp.headers"), "kept off the ledger");
        assertEquals(Map.of("Api-Key", "a+b"), OtlpSettings.headers("Api-Key=a+b"), "a plus stays a plus");
    }

    @Test
    void badValuesAreNamedWithWhatIsAccepted() {
        SettingsException endpoint = assertThrows(SettingsException.class,
            () -> options("otlp.endpoint=collector:4318"));
        assertTrue(endpoint.getMessage().startsWith("otlp.endpoint: 'collector:4318' is not an http:// or https://"),
            endpoint.getMessage());
        SettingsException header = assertThrows(SettingsException.class,
            () -> options("otlp.endpoint=http://c:4318,otlp.headers=Authorization Bearer x"));
        assertTrue(header.getMessage().contains("'Authorization Bearer x' is not a header name=value; expected"),
            header.getMessage());
        SettingsException escape = assertThrows(SettingsException.class, () -> OtlpSettings.headers("A=%zz"));
        assertTrue(escape.getMessage().contains("the value of 'A' has a bad percent escape"), escape.getMessage());
    }

    @Test
    void gRpcsPortIsWarnedAbout() throws SettingsException {
        assertTrue(OtlpSettings.portWarning(options("otlp.endpoint=http://c:4317").orElseThrow()).orElseThrow()
            .contains("4317, OTLP/gRPC's port"));
        assertEquals(Optional.empty(), OtlpSettings.portWarning(options("otlp.endpoint=http://c:4318").orElseThrow()));
    }
}
