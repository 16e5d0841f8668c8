package org.opencarboneval.agent.grid;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.opencarboneval.exporter.JsonObject;
import org.opencarboneval.exporter.JsonReader;

/**
 * GET requests to a provider, answered as JSON objects. {@link HttpURLConnection} rather than
 * {@code java.net.http}: it is in {@code java.base} (the jlink runtime carries no more) and starts no threads of its
 * own. Every request has a connect and a read timeout, so a provider that does not answer costs the poller that
 * long and the run nothing. Answers are capped in size and nesting.
 */
final class ProviderHttp {

    /** A 72-hour, 5-minute WattTime forecast is about 60 kB; anything near this is not a provider's answer. */
    private static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final JsonReader.Limits LIMITS = new JsonReader.Limits(MAX_BYTES, 16, 64 * 1024, 64);
    private static final int MESSAGE_CHARACTERS = 120;

    private final String provider;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    ProviderHttp(String provider, Duration connectTimeout, Duration readTimeout) {
        this.provider = provider;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    static ProviderHttp standard(String provider) {
        return new ProviderHttp(provider, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** The answer's JSON object; any status but 200, a timeout or a body that is not a JSON object fails. */
    JsonObject get(URI uri, Map<String, String> headers) throws IntensityException {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
        } catch (IOException | IllegalArgumentException e) {
            throw new IntensityException(provider + ": cannot request " + uri + ": " + e.getMessage());
        }
        try {
            connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
            connection.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
            connection.setInstanceFollowRedirects(false);
            connection.setRequestProperty("Accept", "application/json");
            headers.forEach(connection::setRequestProperty);
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IntensityException(provider + " answered HTTP " + status + " for " + uri.getPath()
                    + message(connection), status, retryAfter(connection.getHeaderField("Retry-After")));
            }
            String body = read(connection.getInputStream());
            try {
                return JsonReader.parseObject(body, LIMITS);
            } catch (IllegalArgumentException malformed) {
                throw new IntensityException(provider + " sent malformed JSON for " + uri.getPath() + ": "
                    + malformed.getMessage());
            }
        } catch (SocketTimeoutException e) {
            throw new IntensityException(provider + " did not answer " + uri.getPath() + " within "
                + (connectTimeout.plus(readTimeout).toMillis() / 1000.0) + " s");
        } catch (IOException e) {
            throw new IntensityException(provider + ": cannot reach " + uri.getScheme() + "://" + uri.getAuthority()
                + ": " + e);
        } finally {
            connection.disconnect();
        }
    }

    /** A {@code Retry-After} of whole seconds (429, 503); its HTTP-date form is rare from APIs and not read. */
    static Optional<Duration> retryAfter(String header) {
        if (header == null || !header.trim().matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
    }

    /** What the error body says: {"message"}, {"error": "..."} or {"error": {"message"}}, else nothing. */
    private static String message(HttpURLConnection connection) {
        try (InputStream error = connection.getErrorStream()) {
            if (error == null) {
                return "";
            }
            Object parsed = JsonReader.parse(read(error), LIMITS);
            if (parsed instanceof Map<?, ?> object) {
                Object text = object.get("message") != null ? object.get("message") : object.get("error");
                if (text instanceof Map<?, ?> nested) {
                    text = nested.get("message");
                }
                if (text instanceof String said) {
                    return ": " + (said.length() > MESSAGE_CHARACTERS ? said.substring(0, MESSAGE_CHARACTERS) + "..."
                        : said).replaceAll("\\s+", " ");
                }
            }
            return "";
        } catch (IOException | IllegalArgumentException unreadable) {
            return "";
        }
    }

    private static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException("the answer is over " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
