package org.opencarboneval.exporter;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Basic auth and TLS, each on its own and together. */
class SecureEndpointTest {

    private static StartResult.Started started(ExporterOptions options) {
        StartResult result = MetricsExporter.start(options, TestRuns::full, line -> { });
        return assertInstanceOf(StartResult.Started.class, result, result.message());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicAuthGuardsEveryPath() throws Exception {
        StartResult.Started started = started(ExporterOptions.plain("127.0.0.1", 0).withBasicAuth("prom", "s3cret"));
        try {
            for (String path : new String[] {"metrics", "", "status.json"}) {
                assertEquals(401, Http.get(started.baseUrl().resolve(path)).statusCode(), path);
                assertEquals(401, Http.get(started.baseUrl().resolve(path), "Authorization",
                    basic("prom", "wrong")).statusCode(), path);
                assertEquals(200, Http.get(started.baseUrl().resolve(path), "Authorization",
                    basic("prom", "s3cret")).statusCode(), path);
            }
        } finally {
            started.running().close();
        }
    }

    @Test
    void tlsServesMetricsToAClientThatTrustsTheCertificate(@TempDir Path dir) throws Exception {
        Path keyStore = KeyTool.selfSignedKeyStore(dir, "changeit");
        StartResult.Started started = started(ExporterOptions.plain("127.0.0.1", 0).withTls(keyStore, "changeit")
            .withBasicAuth("prom", "s3cret"));
        try {
            assertEquals("https", started.metricsUrl().getScheme());
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(keyStore, "changeit")).build();

            assertEquals(401, Http.get(client, started.metricsUrl()).statusCode());
            var response = Http.get(client, started.metricsUrl(), "Authorization", basic("prom", "s3cret"));
            assertEquals(200, response.statusCode());
            new Scrape(response.body()).assertValue(1234, "oce_training_steps_total");
            assertTrue(Http.get(client, started.baseUrl(), "Authorization", basic("prom", "s3cret")).body()
                .contains("status.json"));
        } finally {
            started.running().close();
        }
    }

    private static SSLContext trusting(Path keyStore, String password) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            trusted.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
