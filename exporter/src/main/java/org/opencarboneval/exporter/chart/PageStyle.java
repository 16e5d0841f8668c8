package org.opencarboneval.exporter.chart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The stylesheet the live status page and {@code report --html} share ({@code page.css}), inlined into each. */
public final class PageStyle {

    private static final String RESOURCE = "page.css";
    private static final String CSS = read();

    private PageStyle() {
    }

    /** The shared rules; a page appends its own after them. */
    public static String css() {
        return CSS;
    }

    private static String read() {
        try (InputStream in = PageStyle.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the exporter's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the exporter's jar", e);
        }
    }
}
