package org.opencarboneval.exporter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one JSON value (RFC 8259; objects to maps, arrays to lists, numbers to doubles): the counterpart of
 * {@link JsonWriter}, which reads the agent's ledger back and the tests' JSON. Strict and bounded, because a ledger
 * line may be anything a crash, a full disk or another program left: the input's length, the nesting depth and the
 * length of each string and number are limited (the recursion is as deep as the nesting, so it cannot overflow the
 * stack), numbers beyond a double's range, duplicate names and unescaped control characters are refused. Any
 * malformed or over-limit input is an {@link IllegalArgumentException} saying what and where.
 */
public final class JsonReader {

    /** Bounds on what one parse accepts; every one must be at least 1. */
    public record Limits(int maxLength, int maxDepth, int maxStringLength, int maxNumberLength) {

        /** For whole documents: the dashboard, Prometheus API answers, {@code /status.json}. */
        public static final Limits DOCUMENT = new Limits(16 * 1024 * 1024, 64, 1024 * 1024, 64);

        public Limits {
            if (maxLength < 1 || maxDepth < 1 || maxStringLength < 1 || maxNumberLength < 1) {
                throw new IllegalArgumentException("JSON limits must be at least 1: " + this);
            }
        }
    }

    private final String text;
    private final Limits limits;
    private int position;

    private JsonReader(String text, Limits limits) {
        this.text = text;
        this.limits = limits;
    }

    /** One value within {@link Limits#DOCUMENT}. */
    public static Object parse(String text) {
        return parse(text, Limits.DOCUMENT);
    }

    public static Object parse(String text, Limits limits) {
        if (text.length() > limits.maxLength()) {
            throw new IllegalArgumentException("longer than " + limits.maxLength() + " characters");
        }
        JsonReader reader = new JsonReader(text, limits);
        Object value = reader.value(0);
        reader.skipSpace();
        if (reader.position != text.length()) {
            throw reader.error("trailing characters");
        }
        return value;
    }

    /** One object, with typed access to its fields; any other value is an error naming it. */
    public static JsonObject parseObject(String text, Limits limits) {
        Object value = parse(text, limits);
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected an object, got " + JsonObject.describe(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> members = (Map<String, Object>) value;
        return new JsonObject(members);
    }

    private Object value(int depth) {
        skipSpace();
        if (position >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) {
        enter(depth);
        Map<String, Object> members = new LinkedHashMap<>();
        position++;
        skipSpace();
        if (peek() == '}') {
            position++;
            return members;
        }
        while (true) {
            skipSpace();
            int start = position;
            String name = string();
            skipSpace();
            expect(':');
            if (members.containsKey(name)) {
                position = start;
                throw error("duplicate name \"" + JsonObject.preview(name) + "\"");
            }
            members.put(name, value(depth));
            skipSpace();
            if (peek() == ',') {
                position++;
            } else {
                expect('}');
                return members;
            }
        }
    }

    private List<Object> array(int depth) {
        enter(depth);
        List<Object> items = new ArrayList<>();
        position++;
        skipSpace();
        if (peek() == ']') {
            position++;
            return items;
        }
        while (true) {
            items.add(value(depth));
            skipSpace();
            if (peek() == ',') {
                position++;
            } else {
                expect(']');
                return items;
            }
        }
    }

    private void enter(int depth) {
        if (depth > limits.maxDepth()) {
            throw error("nested deeper than " + limits.maxDepth() + " levels");
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (out.length() > limits.maxStringLength()) {
                throw error("string longer than " + limits.maxStringLength() + " characters");
            }
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                position--;
                throw error(String.format("unescaped control character U+%04X in a string", (int) c));
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> out.append(hexCharacter());
                default -> {
                    position--;
                    throw error("unknown escape \\" + escaped);
                }
            }
        }
    }

    private char hexCharacter() {
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(), 16);
            if (digit < 0) {
                position--;
                throw error("\\u escape needs four hex digits");
            }
            code = code * 16 + digit;
        }
        return (char) code;
    }

    /** RFC 8259's grammar: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, finite as a double. */
    private Double number() {
        int start = position;
        optional('-');
        if (!optional('0')) {
            digits(start);
        }
        if (optional('.')) {
            digits(start);
        }
        if (optional('e') || optional('E')) {
            if (!optional('+')) {
                optional('-');
            }
            digits(start);
        }
        String number = text.substring(start, position);
        double value = Double.parseDouble(number);
        if (!Double.isFinite(value)) {
            position = start;
            throw error("number " + number + " is beyond the range of a double");
        }
        return value;
    }

    private boolean optional(char c) {
        if (peek() == c) {
            position++;
            return true;
        }
        return false;
    }

    /** One or more digits, within the number's length limit. */
    private void digits(int numberStart) {
        int start = position;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
            if (position - numberStart > limits.maxNumberLength()) {
                position = numberStart;
                throw error("number longer than " + limits.maxNumberLength() + " characters");
            }
        }
        if (position == start) {
            throw error(position < text.length() ? "unexpected character '" + text.charAt(position) + "'"
                : "unexpected end");
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw error("expected " + word);
        }
        position += word.length();
        return value;
    }

    private void expect(char c) {
        if (next() != c) {
            position--;
            throw error("expected '" + c + "'");
        }
    }

    private char next() {
        if (position >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(position++);
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    /** JSON's four whitespace characters only. */
    private void skipSpace() {
        while (position < text.length() && " \t\n\r".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " at character " + position);
    }
}
