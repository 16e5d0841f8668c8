package org.opencarboneval.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.opencarboneval.exporter.otlp.OtlpOptions;

/**
 * The OTLP push's options from the agent's settings: {@code otlp.endpoint} (none: no push), {@code otlp.interval},
 * {@code otlp.headers}.
 *
 * <p>Headers are {@code name=value} pairs separated by {@code ;}, not by {@code ,} as in
 * {@code OTEL_EXPORTER_OTLP_HEADERS}: the agent's own arguments are cut at commas. Values are percent-decoded as in
 * OpenTelemetry's variable, so a {@code ;} or {@code ,} inside one is written {@code %3B} or {@code %2C}, e.g.
 * {@code otlp.headers=Authorization=Bearer%20abc;X-Scope-OrgID=team-a}.
 */
public final class OtlpSettings {

    /** RFC 9110 token characters: what a header name may hold. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final String HEADERS_SYNTAX = "expected name=value pairs separated by ';', values percent-encoded,"
        + " e.g. Authorization=Bearer%20abc;X-Scope-OrgID=team-a";

    private OtlpSettings() {
    }

    /** Empty without {@code otlp.endpoint}. @throws SettingsException naming the bad endpoint or header */
    public static Optional<OtlpOptions> options(AgentSettings settings) throws SettingsException {
        Optional<String> endpoint = settings.text(SettingKey.OTLP_ENDPOINT);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> headers = settings.text(SettingKey.OTLP_HEADERS).isPresent()
            ? headers(settings.text(SettingKey.OTLP_HEADERS).get()) : Map.of();
        return Optional.of(new OtlpOptions(endpoint(endpoint.get()), settings.otlpInterval(), headers));
    }

    /** The metrics URL: as given when it has a path, with {@code /v1/metrics} added when it has none. */
    static URI endpoint(String text) throws SettingsException {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme())
                || "https".equals(uri.getScheme())) || uri.getQuery() != null || uri.getFragment() != null) {
            throw new SettingsException("otlp.endpoint: '" + text + "' is not an http:// or https:// URL with a host;"
                + " expected the OTLP/HTTP receiver, e.g. http://collector:4318 or http://collector:4318/v1/metrics");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")
            ? "/v1/metrics" : uri.getRawPath();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }

    static Map<String, String> headers(String text) throws SettingsException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair.strip() : pair.substring(0, equals).strip();
            if (equals < 0 || !HEADER_NAME.matcher(name).matches()) {
                throw new SettingsException("otlp.headers: '" + name + "' is not a header name=value; "
                    + HEADERS_SYNTAX);
            }
            try {
                headers.put(name, URLDecoder.decode(pair.substring(equals + 1).strip().replace("+", "%2B"),
                    StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                throw new SettingsException("otlp.headers: the value of '" + name + "' has a bad percent escape; "
                    + HEADERS_SYNTAX);
            }
        }
        return headers;
    }

    /** A warning when the endpoint is on 4317, OTLP/gRPC's port: this agent speaks OTLP/HTTP (4318). */
    public static Optional<String> portWarning(OtlpOptions options) {
        return options.endpoint().getPort() == 4317
            ? Optional.of("warning: otlp.endpoint " + options.endpoint() + " is on 4317, OTLP/gRPC's port; the agent "
                + "pushes OTLP/HTTP protobuf, which collectors take on 4318")
            : Optional.empty();
    }
}
