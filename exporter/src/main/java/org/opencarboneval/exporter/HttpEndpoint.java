package org.opencarboneval.exporter;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.Locale;

import com.sun.net.httpserver.HttpHandler;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The Prometheus client's HTTP server: {@code /metrics} (text or OpenMetrics by the request's Accept header),
 * {@code /-/healthy}, and the status page for every other path, behind optional basic auth and TLS. Every way opening
 * it can fail becomes one line saying why.
 */
final class HttpEndpoint {

    private final HTTPServer server;
    private final URI baseUrl;

    private HttpEndpoint(HTTPServer server, URI baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    static HttpEndpoint open(ExporterOptions options, PrometheusRegistry registry, HttpHandler statusPage)
            throws NotStarted {
        if (options.port() < 0 || options.port() > 65535) {
            throw new NotStarted("port " + options.port() + " is not a port number (0 to 65535)");
        }
        InetAddress address = resolve(options.host());
        // Empty properties: a prometheus.properties or io.prometheus.* system property meant for the application's
        // own Prometheus client must not move this endpoint (its port setting would override ours).
        HTTPServer.Builder builder = HTTPServer.builder(PrometheusProperties.builder().build())
            .inetAddress(address)
            .port(options.port())
            .registry(registry)
            .defaultHandler(statusPage);
        options.basicAuth().ifPresent(credentials -> builder.authenticator(new SingleUserAuthenticator(credentials)));
        if (options.tls().isPresent()) {
            try {
                builder.httpsConfigurator(TlsConfigurators.of(options.tls().get()));
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                throw new NotStarted("cannot use the TLS keystore " + options.tls().get().keyStore() + ": "
                    + e.getMessage());
            }
        }
        try {
            HTTPServer server = builder.buildAndStart();
            return new HttpEndpoint(server, baseUrl(options, address, server.getPort()));
        } catch (BindException e) {
            // taken, or refused to this user (a port below 1024); another bind failure is the host's
            boolean atThePort = inUse(e) || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT)
                .contains("permission denied");
            throw new NotStarted(inUse(e) ? "port " + options.port() + " on " + options.host()
                + " is already in use (set port=0 for a free port)"
                : "cannot listen on " + options.host() + " port " + options.port() + ": " + e.getMessage(), atThePort);
        } catch (IOException | RuntimeException e) {
            throw new NotStarted("cannot listen on " + options.host() + " port " + options.port() + ": " + e);
        }
    }

    int port() {
        return server.getPort();
    }

    /** The status page; {@code metrics} resolved against it is the scrape URL. */
    URI baseUrl() {
        return baseUrl;
    }

    void close() {
        server.close();
    }

    private static InetAddress resolve(String host) throws NotStarted {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new NotStarted("host '" + host + "' is not a known address");
        }
    }

    private static boolean inUse(BindException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("in use");
    }

    /** A wildcard bind is reachable as localhost from this machine; IPv6 literals need brackets in a URL. */
    private static URI baseUrl(ExporterOptions options, InetAddress address, int port) {
        String host = address.isAnyLocalAddress() ? "localhost"
            : address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : options.host();
        String scheme = options.tls().isPresent() ? "https" : "http";
        return URI.create(scheme + "://" + host + ":" + port + "/");
    }

    /** Why the endpoint did not start, in a few words for {@link StartResult.Failed#because(String)}. */
    static final class NotStarted extends Exception {

        private static final long serialVersionUID = 1L;

        /** Whether it was the port that could not be listened on (not the host, the keystore or the settings). */
        final boolean atThePort;

        NotStarted(String why) {
            this(why, false);
        }

        NotStarted(String why, boolean atThePort) {
            super(why, null, false, false);
            this.atThePort = atThePort;
        }
    }
}
