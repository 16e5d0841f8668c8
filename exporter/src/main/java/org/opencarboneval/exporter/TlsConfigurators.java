package org.opencarboneval.exporter;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;

/** The HTTPS setup from a keystore file; the key's password must be the keystore's (keytool's default for PKCS12). */
final class TlsConfigurators {

    private TlsConfigurators() {
    }

    static HttpsConfigurator of(ExporterOptions.Tls tls) throws IOException, GeneralSecurityException {
        char[] password = tls.password().toCharArray();
        KeyStore keyStore = KeyStore.getInstance(tls.keyStore().toFile(), password); // detects PKCS12 or JKS
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new HttpsConfigurator(context);
    }
}
