package org.opencarboneval.agent.grid;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.opencarboneval.calibration.grid.IntensityTimeline;
import org.opencarboneval.calibration.grid.IntensityTimeline.Kind;
import org.opencarboneval.calibration.grid.IntensityTimeline.Point;
import org.opencarboneval.exporter.JsonObject;

/**
 * Electricity Maps v3: {@code GET /v3/carbon-intensity/latest?zone=} for now (its {@code datetime} is the start of
 * the hour the value covers) and {@code /v3/carbon-intensity/forecast?zone=} for the hours ahead, both with the
 * {@code auth-token} header; gCO2eq/kWh, lifecycle by default. The forecast is a paid or trial endpoint: when it is
 * refused (401 or 403) with a token that {@code latest} accepts, the agent says so once and asks only for
 * {@code latest} from then on, the latest value holding ahead.
 */
final class ElectricityMapsProvider implements IntensityProvider {

    static final URI DEFAULT_BASE = URI.create("https://api.electricitymaps.com");
    private static final String NAME = "Electricity Maps";

    private final URI base;
    private final String zone;
    private final String token;
    private final ProviderHttp http;
    private final Consumer<String> console;
    private volatile boolean forecastOffered = true;

    ElectricityMapsProvider(URI base, String zone, String token, ProviderHttp http, Consumer<String> console) {
        this.base = base;
        this.zone = zone;
        this.token = token;
        this.http = http;
        this.console = console;
    }

    @Override
    public String describe() {
        return "electricitymaps " + zone;
    }

    @Override
    public ProviderAnswer fetch(Instant now) throws IntensityException {
        Map<String, String> auth = Map.of("auth-token", token);
        Map<String, String> query = Map.of("zone", zone);
        JsonObject latest = http.get(Uris.of(base, "/v3/carbon-intensity/latest", query), auth);
        Point current = read(latest, "/v3/carbon-intensity/latest", Kind.ACTUAL);
        Optional<ProviderAnswer.Lacking> lacking = Optional.empty();
        List<Point> points = new ArrayList<>(List.of(current));
        if (forecastOffered) {
            try {
                forecast(query, auth).stream().filter(ahead -> ahead.from().isAfter(current.from()))
                    .forEach(points::add);
            } catch (IntensityException e) {
                if (e.refused()) {
                    forecastOffered = false;
                    console.accept(NAME + " gives this token no forecast (" + e.getMessage() + "); the agent asks"
                        + " only for the latest value, which then holds ahead");
                } else {
                    // the latest value is good: it goes in force, and the feed keeps the forecast it had ahead of it
                    lacking = Optional.of(ProviderAnswer.Lacking.of("its forecast", e));
                }
            }
        }
        return new ProviderAnswer(IntensityTimeline.of(points), List.of(), lacking);
    }

    private List<Point> forecast(Map<String, String> query, Map<String, String> auth) throws IntensityException {
        JsonObject forecast = http.get(Uris.of(base, "/v3/carbon-intensity/forecast", query), auth);
        List<Point> ahead = new ArrayList<>();
        for (JsonObject item : Answers.read(NAME, "/v3/carbon-intensity/forecast",
                () -> forecast.objects("forecast"))) {
            if (item.asMap().get("carbonIntensity") != null) {
                ahead.add(read(item, "/v3/carbon-intensity/forecast", Kind.FORECAST));
            }
        }
        return List.copyOf(ahead);
    }

    private static Point read(JsonObject item, String path, Kind kind) throws IntensityException {
        return Answers.read(NAME, path,
            () -> new Point(Times.parse(item.text("datetime")), item.number("carbonIntensity"), kind));
    }
}
