package org.opencarboneval.agent.grid;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** ISO-8601 instants as the providers write them: {@code 2023-01-23T17:00:00.000Z}, {@code +00:00}, {@code 12:00Z}. */
final class Times {

    private Times() {
    }

    /** The instant, or an {@link IllegalArgumentException} naming the text (seconds and fraction are optional). */
    static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 time with an offset, e.g. "
                + "2026-12-02T18:00:00Z");
        }
    }
}
