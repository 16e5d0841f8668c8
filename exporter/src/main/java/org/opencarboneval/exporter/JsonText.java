package org.opencarboneval.exporter;

/**
 * Just enough JSON writing for {@code /status.json}. Numbers are written with {@link Double#toString(double)}, as the
 * Prometheus client writes sample values, so a figure parses to the same double on both endpoints; NaN and infinities
 * (which JSON lacks) become null.
 */
final class JsonText {

    private final StringBuilder out = new StringBuilder();
    private boolean needsComma;

    JsonText beginObject() {
        return open('{');
    }

    JsonText endObject() {
        return close('}');
    }

    JsonText beginArray() {
        return open('[');
    }

    JsonText endArray() {
        return close(']');
    }

    JsonText key(String name) {
        separate();
        string(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    JsonText value(double number) {
        separate();
        out.append(Double.isFinite(number) ? Double.toString(number) : "null");
        needsComma = true;
        return this;
    }

    JsonText value(String text) {
        separate();
        string(text);
        needsComma = true;
        return this;
    }

    JsonText value(boolean flag) {
        separate();
        out.append(flag);
        needsComma = true;
        return this;
    }

    JsonText nullValue() {
        separate();
        out.append("null");
        needsComma = true;
        return this;
    }

    JsonText values(double[] numbers) {
        beginArray();
        for (double number : numbers) {
            value(number);
        }
        return endArray();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private JsonText open(char bracket) {
        separate();
        out.append(bracket);
        needsComma = false;
        return this;
    }

    private JsonText close(char bracket) {
        out.append(bracket);
        needsComma = true;
        return this;
    }

    private void separate() {
        if (needsComma) {
            out.append(',');
        }
    }

    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
