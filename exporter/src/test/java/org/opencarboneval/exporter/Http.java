package org.opencarboneval.exporter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP requests against a running exporter, over the network like Prometheus and a browser. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> get(URI uri, String... headers) throws IOException, InterruptedException {
        return get(CLIENT, uri, headers);
    }

    static HttpResponse<String> get(HttpClient client, URI uri, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Scrape scrape(StartResult.Started started) throws IOException, InterruptedException {
        HttpResponse<String> response = get(started.metricsUrl());
        if (response.statusCode() != 200) {
            throw new IOException("scrape returned " + response.statusCode() + ": " + response.body());
        }
        return new Scrape(response.body());
    }
}
