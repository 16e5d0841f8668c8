package org.opencarboneval.exporter;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A start that cannot happen is one line in a result, never an exception into the training JVM. */
class StartFailureTest {

    private static StartResult.Failed failedStart(ExporterOptions options) {
        StartResult result = MetricsExporter.start(options, TestRuns::full, line -> { });
        assertTrue(result.exporter().isEmpty());
        return assertInstanceOf(StartResult.Failed.class, result, result.message());
    }

    @Test
    void aPortInUseIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            StartResult.Failed failed = failedStart(ExporterOptions.plain("127.0.0.1", taken.getLocalPort()));
            assertEquals("metrics endpoint not started: port " + taken.getLocalPort()
                + " on 127.0.0.1 is already in use (set port=0 for a free port)", failed.reason());
            assertEquals(failed.reason(), failed.message());
            assertTrue(failed.atThePort());
        }
    }

    @Test
    void aPortOutOfRangeIsOneClearLine() {
        assertEquals("metrics endpoint not started: port 70000 is not a port number (0 to 65535)",
            failedStart(ExporterOptions.plain("127.0.0.1", 70000)).reason());
    }

    @Test
    void anUnknownHostIsOneClearLine() {
        assertEquals("metrics endpoint not started: host 'no-such-host.invalid' is not a known address",
            failedStart(ExporterOptions.plain("no-such-host.invalid", 0)).reason());
    }

    @Test
    void aMissingKeystoreIsOneClearLine(@TempDir Path dir) {
        Path missing = dir.resolve("missing.p12");
        StartResult.Failed failed = failedStart(ExporterOptions.plain("127.0.0.1", 0).withTls(missing, "secret"));
        assertFalse(failed.atThePort(), "the keystore, not the port");
        String reason = failed.reason();
        assertTrue(reason.startsWith("metrics endpoint not started: cannot use the TLS keystore " + missing + ": "),
            reason);
        assertEquals(1, reason.lines().count());
    }

    @Test
    void aWrongKeystorePasswordIsOneClearLine(@TempDir Path dir) throws Exception {
        Path keyStore = KeyTool.selfSignedKeyStore(dir, "right-password");
        String reason = failedStart(ExporterOptions.plain("127.0.0.1", 0).withTls(keyStore, "wrong")).reason();
        assertTrue(reason.startsWith("metrics endpoint not started: cannot use the TLS keystore "), reason);
    }
}
