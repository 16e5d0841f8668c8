package org.opencarboneval.agent.grid;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A provider's base URL with a path and query appended (the base may end with a path of its own, e.g. a proxy's). */
final class Uris {

    private Uris() {
    }

    static URI of(URI base, String path, Map<String, String> query) {
        String root = base.toString().replaceAll("/+$", "");
        String parameters = query.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
        return URI.create(root + path + (parameters.isEmpty() ? "" : "?" + parameters));
    }

    /** One path segment, e.g. a postcode, encoded so it cannot change the path. */
    static String segment(String text) {
        return encode(text).replace("+", "%20");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
