package org.opencarboneval.exporter;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the endpoint listens. Values are checked when the exporter starts, which reports a bad one as a
 * failed start rather than throwing.
 *
 * @param host      bind address; {@value #ALL_INTERFACES} lets a Prometheus on another machine scrape
 * @param port      0 picks a free port
 * @param basicAuth when present, every path asks for these credentials
 * @param tls       when present, the endpoint speaks HTTPS with this keystore's key
 */
public record ExporterOptions(String host, int port, Optional<BasicAuth> basicAuth, Optional<Tls> tls) {

    public static final int DEFAULT_PORT = 9464;
    public static final String ALL_INTERFACES = "0.0.0.0";

    public ExporterOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(basicAuth, "basicAuth");
        Objects.requireNonNull(tls, "tls");
    }

    /** Plain HTTP, no authentication. */
    public static ExporterOptions plain(String host, int port) {
        return new ExporterOptions(host, port, Optional.empty(), Optional.empty());
    }

    public ExporterOptions withBasicAuth(String user, String password) {
        return new ExporterOptions(host, port, Optional.of(new BasicAuth(user, password)), tls);
    }

    public ExporterOptions withTls(Path keyStore, String password) {
        return new ExporterOptions(host, port, basicAuth, Optional.of(new Tls(keyStore, password)));
    }

    /** One user's credentials; {@link #toString()} hides the password so options can be logged. */
    public record BasicAuth(String user, String password) {

        public BasicAuth {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "BasicAuth[user=" + user + ", password=***]";
        }
    }

    /** A PKCS12 or JKS keystore (the type is detected from the file) holding the server's key and certificate. */
    public record Tls(Path keyStore, String password) {

        public Tls {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", password=***]";
        }
    }
}
