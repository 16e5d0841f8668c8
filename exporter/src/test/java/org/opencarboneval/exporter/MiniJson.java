package org.opencarboneval.exporter;

import java.util.List;
import java.util.Map;

/** Casts for walking what {@link JsonReader} parsed, in tests. */
final class MiniJson {

    private MiniJson() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Object value) {
        return (List<Object>) value;
    }
}
