package org.opencarboneval.agent.grid;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.opencarboneval.calibration.grid.IntensityTimeline;
import org.opencarboneval.calibration.grid.IntensityTimeline.Kind;
import org.opencarboneval.calibration.grid.IntensityTimeline.Point;
import org.opencarboneval.exporter.JsonObject;

/**
 * The UK NESO Carbon Intensity API (no key, CC BY 4.0), half-hour slots in gCO2/kWh. Nationally (no zone):
 * {@code /intensity/{from}/fw48h} for the slots ahead and {@code /intensity/{from}/pt24h} for the past day, whose
 * slots carry both the forecast and the actual value and so judge the forecast from the first poll. With a zone, a
 * region id 1-17 or an outward postcode ({@code RG41}): {@code /regional/intensity/{from}/fw48h/regionid/{id}} or
 * {@code .../postcode/{pc}}, forecasts only; its {@code data} is an object in real answers and a list in the docs,
 * and both are read.
 */
final class UkCarbonIntensityProvider implements IntensityProvider {

    static final URI DEFAULT_BASE = URI.create("https://api.carbonintensity.org.uk");
    private static final String NAME = "UK Carbon Intensity";
    private static final DateTimeFormatter FROM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'")
        .withZone(ZoneOffset.UTC);

    private final URI base;
    private final Optional<String> zone;
    private final ProviderHttp http;

    UkCarbonIntensityProvider(URI base, Optional<String> zone, ProviderHttp http) {
        this.base = base;
        this.zone = zone;
        this.http = http;
    }

    @Override
    public String describe() {
        return "uk " + zone.orElse("national");
    }

    @Override
    public ProviderAnswer fetch(Instant now) throws IntensityException {
        // The slot holding now, so the answers are the same all through a half hour (what CATS asks of its users).
        Instant slot = now.truncatedTo(ChronoUnit.HOURS)
            .plus(now.atZone(ZoneOffset.UTC).getMinute() >= 30 ? 30 : 0, ChronoUnit.MINUTES);
        String from = FROM.format(slot);
        if (zone.isPresent()) {
            String path = "/regional/intensity/" + from + "/fw48h/"
                + (zone.get().matches("\\d+") ? "regionid/" : "postcode/") + Uris.segment(zone.get());
            JsonObject answer = http.get(Uris.of(base, path, Map.of()), Map.of());
            return Answers.read(NAME, path, () -> regional(answer));
        }
        String aheadPath = "/intensity/" + from + "/fw48h";
        String pastPath = "/intensity/" + from + "/pt24h";
        JsonObject ahead = http.get(Uris.of(base, aheadPath, Map.of()), Map.of());
        List<ProviderAnswer.Checked> checked = new ArrayList<>();
        List<Point> points = new ArrayList<>(Answers.read(NAME, aheadPath, () -> slots(ahead.objects("data"),
            checked)));
        Optional<ProviderAnswer.Lacking> lacking = Optional.empty();
        try {
            // the past day only judges the forecast and fills in the slots behind: the forecast stands without it
            JsonObject past = http.get(Uris.of(base, pastPath, Map.of()), Map.of());
            List<ProviderAnswer.Checked> pastChecked = new ArrayList<>();
            // after the slots ahead, so that a slot in both keeps its actual value from the past day
            points.addAll(Answers.read(NAME, pastPath, () -> slots(past.objects("data"), pastChecked)));
            checked.addAll(pastChecked);
        } catch (IntensityException e) {
            lacking = Optional.of(ProviderAnswer.Lacking.of("its past day", e));
        }
        checked.sort(Comparator.comparing(ProviderAnswer.Checked::slot));
        return new ProviderAnswer(IntensityTimeline.of(points), checked, lacking);
    }

    private static ProviderAnswer regional(JsonObject answer) {
        Object data = answer.asMap().get("data");
        JsonObject region = data instanceof List<?> ? first(answer.objects("data")) : answer.object("data");
        return ProviderAnswer.of(IntensityTimeline.of(slots(region.objects("data"), new ArrayList<>())));
    }

    private static JsonObject first(List<JsonObject> regions) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("field 'data': no region");
        }
        return regions.get(0);
    }

    /** Each slot's actual value when it has one, else its forecast; both, when given, judge the forecast. */
    private static List<Point> slots(List<JsonObject> slots, List<ProviderAnswer.Checked> checked) {
        List<Point> points = new ArrayList<>();
        for (JsonObject slot : slots) {
            Instant from = Times.parse(slot.text("from"));
            JsonObject intensity = slot.object("intensity");
            double forecast = intensity.number("forecast");
            OptionalDouble actual = intensity.optionalNumber("actual");
            if (actual.isPresent()) {
                points.add(new Point(from, actual.getAsDouble(), Kind.ACTUAL));
                checked.add(new ProviderAnswer.Checked(from, forecast, actual.getAsDouble()));
            } else {
                points.add(new Point(from, forecast, Kind.FORECAST));
            }
        }
        return points;
    }
}
