package org.opencarboneval.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import org.opencarboneval.exporter.chart.PageStyle;

/**
 * Everything the Prometheus server's own contexts ({@code /metrics}, {@code /-/healthy}) do not take: the status page
 * at {@code /} and {@code /status}, its data at {@code /status.json} and its charts at {@code /charts.html}, 404 for
 * the rest.
 */
final class StatusHandler implements HttpHandler {

    private static final String PAGE = "status.html";
    /** Where the page takes the stylesheet it shares with {@code report --html}. */
    private static final String SHARED_STYLE = "/*{{page.css}}*/";

    private final byte[] page;
    private final LatestView latest;
    private final StatusHistory history;
    /** The charts last drawn: every open page asks for them each second, and they change once a second at most. */
    private volatile Charts charts;

    /** The charts drawn from one view and one version of the history. */
    private record Charts(RunView view, long version, byte[] html) {
    }

    private StatusHandler(byte[] page, LatestView latest, StatusHistory history) {
        this.page = page;
        this.latest = latest;
        this.history = history;
    }

    /** @throws IOException if the page is missing from the jar, a packaging error */
    static StatusHandler create(LatestView latest, StatusHistory history) throws IOException {
        try (InputStream in = StatusHandler.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IOException("the status page " + PAGE + " is missing from the exporter's jar");
            }
            String page = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(SHARED_STYLE, PageStyle.css());
            return new StatusHandler(bytes(page), latest, history);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain; charset=utf-8", bytes("method not allowed\n"));
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/", "/status" -> respond(exchange, 200, "text/html; charset=utf-8", page);
                case "/status.json" -> respond(exchange, 200, "application/json",
                    bytes(StatusJson.render(latest.current(), history.points())));
                case "/charts.html" -> respond(exchange, 200, "text/html; charset=utf-8", charts());
                default -> respond(exchange, 404, "text/plain; charset=utf-8",
                    bytes("not found; try /, /status.json or /metrics\n"));
            }
        }
    }

    /**
     * The charts of the latest view and history, drawn again only when either changed. The version is read before
     * the points: a point added in between is drawn under the older version, and the next request draws it again.
     */
    private byte[] charts() {
        RunView view = latest.current();
        long version = history.version();
        Charts drawn = charts;
        if (drawn == null || drawn.view() != view || drawn.version() != version) {
            drawn = new Charts(view, version, bytes(StatusCharts.html(view, history.points())));
            charts = drawn;
        }
        return drawn.html();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
