package org.opencarboneval.agent.grid;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback standing in for a provider's API: each test gives it a responder that answers
 * from the request (path, query, headers) with a status and a body, and reads back the requests it got.
 */
final class StandInServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String path, String query, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /**
     * An answer: the status and a JSON (or deliberately broken) body; {@code delayMillis} before it is sent; a
     * {@code Retry-After} header, if not null.
     */
    record Answer(int status, String body, long delayMillis, String retryAfter) {

        Answer(int status, String body, long delayMillis) {
            this(status, body, delayMillis, null);
        }

        static Answer ok(String body) {
            return new Answer(200, body, 0);
        }

        static Answer status(int status, String body) {
            return new Answer(status, body, 0);
        }

        Answer retryingAfter(String header) {
            return new Answer(status, body, delayMillis, header);
        }
    }

    @FunctionalInterface
    interface Responder {
        Answer answer(Request request);
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Responder responder;

    StandInServer(Responder responder) throws IOException {
        this.responder = responder;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        // a thread per request: an answer held back to test a timeout must not hold up the requests after it
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return requests;
    }

    void respondWith(Responder next) {
        responder = next;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()));
            requests.add(request);
            Answer answer = responder.answer(request);
            if (answer.delayMillis() > 0) {
                try {
                    Thread.sleep(answer.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException closedByAClientThatTimedOut) {
            // the client under test gave up first, as it should
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
