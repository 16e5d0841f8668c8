package org.opencarboneval.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
