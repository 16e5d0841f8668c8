package org.opencarboneval.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    @Test
    void readsWhatTheWriterWrites() {
        String text = new JsonWriter().beginObject()
            .field("text", "quote \" backslash \\ newline \n tab \t control \u0001")
            .field("number", -1.5e-3)
            .field("whole", 42L)
            .field("flag", true)
            .name("nothing").nullValue()
            .name("list").beginArray().value(1L).value("two").endArray()
            .name("nested").beginObject().field("a", 1L).endObject()
            .endObject().toString();

        Map<?, ?> parsed = (Map<?, ?>) JsonReader.parse(text);

        assertEquals("quote \" backslash \\ newline \n tab \t control \u0001", parsed.get("text"));
        assertEquals(-1.5e-3, parsed.get("number"));
        assertEquals(42.0, parsed.get("whole"));
        assertEquals(true, parsed.get("flag"));
        assertEquals(null, parsed.get("nothing"));
        assertEquals(List.of(1.0, "two"), parsed.get("list"));
        assertEquals(Map.of("a", 1.0), parsed.get("nested"));
        assertEquals(Arrays.asList("text", "number", "whole", "flag", "nothing", "list", "nested"),
            List.copyOf(parsed.keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1", "{\"a\":", "{\"a\":\"x", "{\"a\":1}}", "{\"a\":tru}", "", "{\"a\":1,}"})
    void rejectsMalformedInput(String text) {
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "1.", ".5", "+1", "1e", "1e+", "-", "--1", "0x10", "NaN", "Infinity", "1.5.2",
        "\"\\x\"", "\"\\u12G4\"", "\"\\u12\"", "\"tab\there\"", "{\"a\":1,\"a\":2}", "\u00a0 1", "[1,]", "{1:2}"})
    void rejectsWhatRfc8259Rejects(String text) {
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "[1e309]"})
    void rejectsNumbersBeyondADouble(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(text));
        assertTrue(e.getMessage().contains("beyond the range of a double"), e.getMessage());
    }

    @Test
    void readsTheNumbersAndEscapesJsonAllows() {
        assertEquals(List.of(0.0, -0.0, 0.0, 12.5e-3, 1E3, 2e+2, -7.0),
            JsonReader.parse("[0,-0,1e-400,12.5e-3,1E3,2e+2,-7]"));
        assertEquals("/\u00e9\b\f", JsonReader.parse("\"\\/\\u00e9\\b\\f\""));
    }

    /** 60 KB of brackets, as a damaged ledger tail may hold: an error, not a StackOverflowError. */
    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String brackets = "[".repeat(60_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(brackets));
        assertEquals("nested deeper than 64 levels at character 64", e.getMessage());
        String objects = "{\"a\":".repeat(30_000);
        assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(objects));
        assertEquals(List.of(List.of(List.of())), JsonReader.parse("[[[]]]", new JsonReader.Limits(100, 3, 10, 10)));
        assertThrows(IllegalArgumentException.class,
            () -> JsonReader.parse("[[[[]]]]", new JsonReader.Limits(100, 3, 10, 10)));
    }

    @Test
    void inputStringsAndNumbersAreBounded() {
        JsonReader.Limits small = new JsonReader.Limits(40, 4, 5, 6);
        assertEquals(Map.of("abcde", -123.5), JsonReader.parse("{\"abcde\":-123.5}", small));
        assertEquals("longer than 40 characters", assertThrows(IllegalArgumentException.class,
            () -> JsonReader.parse(" ".repeat(41), small)).getMessage());
        assertEquals("string longer than 5 characters at character 7", assertThrows(IllegalArgumentException.class,
            () -> JsonReader.parse("\"abcdef\"", small)).getMessage());
        assertEquals("number longer than 6 characters at character 1", assertThrows(IllegalArgumentException.class,
            () -> JsonReader.parse("[1234567]", small)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JsonReader.Limits(0, 1, 1, 1));
    }

    @Test
    void errorsSayWhereAndWhat() {
        assertEquals("expected ':' at character 5", assertThrows(IllegalArgumentException.class,
            () -> JsonReader.parse("{\"a\" 1}")).getMessage());
        assertEquals("duplicate name \"a\" at character 7", assertThrows(IllegalArgumentException.class,
            () -> JsonReader.parse("{\"a\":1,\"a\":2}")).getMessage());
        assertEquals("unescaped control character U+0009 in a string at character 2",
            assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("\"a\tb\"")).getMessage());
    }

    @Test
    void typedAccessNamesTheFieldWhatWasExpectedAndTheValueFound() {
        JsonObject record = JsonReader.parseObject("{\"steps\":\"12\",\"energy_j\":[1,2],\"seq\":1.5,"
            + "\"run_id\":7,\"ok\":true,\"total\":null,\"nested\":{\"gpu\":3}}", JsonReader.Limits.DOCUMENT);

        assertEquals("field 'steps': expected a number, got the string \"12\"", message(() -> record.number("steps")));
        assertEquals("field 'energy_j': expected an object, got an array of 2 items",
            message(() -> record.object("energy_j")));
        assertEquals("field 'seq': expected a whole number, got the number 1.5", message(() -> record.wholeNumber("seq")));
        assertEquals("field 'run_id': expected a string, got the number 7", message(() -> record.text("run_id")));
        assertEquals("field 'ok': expected a number, got the boolean true", message(() -> record.number("ok")));
        assertEquals("field 'total': expected a number, got nothing", message(() -> record.number("total")));
        assertEquals("field 'absent': expected an object, got nothing", message(() -> record.object("absent")));
        assertTrue(record.optionalNumber("total").isEmpty());
        assertTrue(record.optionalText("absent").isEmpty());
        assertEquals(3, record.object("nested").wholeNumber("gpu"));
        assertEquals("expected an object, got an array of 1 item", message(
            () -> JsonReader.parseObject("[1]", JsonReader.Limits.DOCUMENT)));
        assertEquals("field 'steps': expected a number, got the string \"" + "x".repeat(40) + "...\"", message(
            () -> JsonReader.parseObject("{\"steps\":\"" + "x".repeat(100) + "\"}", JsonReader.Limits.DOCUMENT)
                .number("steps")));
    }

    private static String message(org.junit.jupiter.api.function.Executable access) {
        return assertThrows(IllegalArgumentException.class, access).getMessage();
    }
}
