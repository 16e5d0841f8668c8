package org.opencarboneval.exporter;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A JSON object as {@link JsonReader} parsed it, with typed access: a field that is missing or of the wrong type is an
 * {@link IllegalArgumentException} naming the field, what was expected and the value found, e.g.
 * {@code field 'steps': expected a number, got the string "12"}. Optional fields read as empty when absent or null.
 */
public final class JsonObject {

    /** Doubles hold every whole number up to 2^53 exactly; beyond it a "whole number" may already be rounded. */
    private static final double LARGEST_EXACT_WHOLE = 9007199254740992.0;
    private static final int PREVIEW_CHARACTERS = 40;

    private final Map<String, Object> members;

    JsonObject(Map<String, Object> members) {
        this.members = Collections.unmodifiableMap(members);
    }

    /** The members as parsed: maps, lists, doubles, strings, booleans and nulls. */
    public Map<String, Object> asMap() {
        return members;
    }

    public String text(String name) {
        return optionalText(name).orElseThrow(() -> missing(name, "a string"));
    }

    public Optional<String> optionalText(String name) {
        Object value = members.get(name);
        if (value == null || value instanceof String) {
            return Optional.ofNullable((String) value);
        }
        throw wrongType(name, "a string", value);
    }

    public double number(String name) {
        return optionalNumber(name).orElseThrow(() -> missing(name, "a number"));
    }

    public OptionalDouble optionalNumber(String name) {
        Object value = members.get(name);
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (value instanceof Double number) {
            return OptionalDouble.of(number);
        }
        throw wrongType(name, "a number", value);
    }

    /** A whole number a double holds exactly (at most 2^53 in magnitude). */
    public long wholeNumber(String name) {
        return optionalWholeNumber(name).orElseThrow(() -> missing(name, "a whole number"));
    }

    public OptionalLong optionalWholeNumber(String name) {
        OptionalDouble value = optionalNumber(name);
        if (value.isPresent() && (value.getAsDouble() != Math.rint(value.getAsDouble())
                || Math.abs(value.getAsDouble()) > LARGEST_EXACT_WHOLE)) {
            throw wrongType(name, "a whole number", value.getAsDouble());
        }
        return value.isPresent() ? OptionalLong.of((long) value.getAsDouble()) : OptionalLong.empty();
    }

    public JsonObject object(String name) {
        return optionalObject(name).orElseThrow(() -> missing(name, "an object"));
    }

    public Optional<JsonObject> optionalObject(String name) {
        Object value = members.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value;
            return Optional.of(new JsonObject(object));
        }
        throw wrongType(name, "an object", value);
    }

    /** An array whose every item is an object (an empty array is fine). */
    public List<JsonObject> objects(String name) {
        Object value = members.get(name);
        if (!(value instanceof List<?> items)) {
            throw value == null ? missing(name, "an array of objects") : wrongType(name, "an array of objects", value);
        }
        List<JsonObject> objects = new java.util.ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?>)) {
                throw wrongType(name + "[" + objects.size() + "]", "an object", item);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) item;
            objects.add(new JsonObject(object));
        }
        return objects;
    }

    @Override
    public String toString() {
        return "JsonObject" + members;
    }

    private static IllegalArgumentException missing(String name, String expected) {
        return new IllegalArgumentException("field '" + name + "': expected " + expected + ", got nothing");
    }

    private static IllegalArgumentException wrongType(String name, String expected, Object value) {
        return new IllegalArgumentException("field '" + name + "': expected " + expected + ", got " + describe(value));
    }

    /** A parsed value as an error message shows it: its JSON type and, for scalars, the value itself. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "the string \"" + preview(text) + "\"";
        }
        if (value instanceof Double number) {
            return "the number " + new JsonWriter().value(number).toString();
        }
        if (value instanceof Boolean flag) {
            return "the boolean " + flag;
        }
        if (value instanceof List<?> list) {
            return "an array of " + list.size() + (list.size() == 1 ? " item" : " items");
        }
        return "an object";
    }

    /** At most 40 characters of a text, control characters escaped, so an error message stays one short line. */
    static String preview(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < PREVIEW_CHARACTERS; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == '"' || c == '\\' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.length() > PREVIEW_CHARACTERS ? out + "..." : out.toString();
    }
}
