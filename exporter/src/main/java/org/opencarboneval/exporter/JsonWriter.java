package org.opencarboneval.exporter;

import java.util.ArrayDeque;

/**
 * Builds one JSON value as text: {@code /status.json} here, and the agent's ledger and command output (the agent
 * depends on this module, so this is the one writer both share). Small on purpose: the agent jar carries no JSON
 * library into the training JVM.
 *
 * <p>Whole numbers below 1e15 are written without a fraction, others with {@link Double#toString(double)}; either
 * parses back to the very same double, as the Prometheus client's sample values do. Non-finite numbers are written as
 * {@code null}, since JSON has no NaN.
 */
public final class JsonWriter {

    private final StringBuilder text = new StringBuilder();
    /** Whether the container being written already holds a member (so the next needs a comma). */
    private final ArrayDeque<Boolean> hasMember = new ArrayDeque<>();
    /** Set by {@link #name}: the next value belongs to that name and needs no comma. */
    private boolean pendingName;

    public JsonWriter beginObject() {
        beforeValue();
        text.append('{');
        hasMember.push(false);
        return this;
    }

    public JsonWriter endObject() {
        hasMember.pop();
        text.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        text.append('[');
        hasMember.push(false);
        return this;
    }

    public JsonWriter endArray() {
        hasMember.pop();
        text.append(']');
        return this;
    }

    /** Starts an object member; the next call writes its value. */
    public JsonWriter name(String name) {
        beforeValue();
        string(name);
        text.append(':');
        pendingName = true;
        return this;
    }

    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        string(value);
        return this;
    }

    public JsonWriter value(double value) {
        beforeValue();
        if (Double.isFinite(value)) {
            text.append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value));
        } else {
            text.append("null");
        }
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        text.append(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        text.append(value);
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        text.append("null");
        return this;
    }

    /** Shorthand for {@code name(n).value(v)}. */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, double value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void beforeValue() {
        if (pendingName) {
            pendingName = false;
            return;
        }
        if (!hasMember.isEmpty()) {
            if (hasMember.peek()) {
                text.append(',');
            } else {
                hasMember.pop();
                hasMember.push(true);
            }
        }
    }

    private void string(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
