package org.opencarboneval.agent.grid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.opencarboneval.calibration.grid.IntensityTimeline;
import org.opencarboneval.calibration.grid.IntensityTimeline.Kind;
import org.opencarboneval.calibration.grid.IntensityTimeline.Point;
import org.opencarboneval.exporter.JsonObject;
import org.opencarboneval.exporter.JsonReader;
import org.opencarboneval.exporter.JsonWriter;

/** A whole provider answer and when it was fetched, as JSON, for the processes of a machine to share. */
final class AnswerJson {

    /** The answer one process fetched, at the time it did. */
    record Shared(ProviderAnswer answer, Instant fetchedAt) {
    }

    private AnswerJson() {
    }

    static String write(ProviderAnswer answer, Instant fetchedAt) {
        JsonWriter json = new JsonWriter().beginObject().field("fetched_at", fetchedAt.toString());
        json.name("points").beginArray();
        for (Point point : answer.timeline().points()) {
            json.beginObject().field("from", point.from().toString()).field("g_per_kwh", point.gramsPerKwh())
                .field("kind", point.kind().name().toLowerCase(Locale.ROOT)).endObject();
        }
        json.endArray().name("checked").beginArray();
        for (ProviderAnswer.Checked checked : answer.checked()) {
            json.beginObject().field("slot", checked.slot().toString())
                .field("forecast", checked.forecastGramsPerKwh()).field("actual", checked.actualGramsPerKwh())
                .endObject();
        }
        return json.endArray().endObject().toString();
    }

    /** The answer in {@code text}; empty for anything else (another version's file, a truncated one). */
    static Optional<Shared> read(String text) {
        try {
            JsonObject json = JsonReader.parseObject(text, JsonReader.Limits.DOCUMENT);
            List<Point> points = new ArrayList<>();
            for (JsonObject point : json.objects("points")) {
                points.add(new Point(Instant.parse(point.text("from")), point.number("g_per_kwh"),
                    Kind.valueOf(point.text("kind").toUpperCase(Locale.ROOT))));
            }
            List<ProviderAnswer.Checked> checked = new ArrayList<>();
            for (JsonObject pair : json.objects("checked")) {
                checked.add(new ProviderAnswer.Checked(Instant.parse(pair.text("slot")), pair.number("forecast"),
                    pair.number("actual")));
            }
            return Optional.of(new Shared(new ProviderAnswer(IntensityTimeline.of(points), checked,
                Optional.empty()), Instant.parse(json.text("fetched_at"))));
        } catch (RuntimeException notAnAnswer) {
            return Optional.empty();
        }
    }
}
