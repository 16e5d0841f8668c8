package org.opencarboneval.exporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The JDK's keytool, run as a process, makes a self-signed certificate for localhost as a user would. */
final class KeyTool {

    private KeyTool() {
    }

    static Path selfSignedKeyStore(Path dir, String password) throws IOException, InterruptedException {
        Path keyStore = dir.resolve("exporter.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "exporter",
            "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost",
            "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
            "-storepass", password, "-keypass", password))
            .redirectErrorStream(true)
            .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return keyStore;
    }
}
