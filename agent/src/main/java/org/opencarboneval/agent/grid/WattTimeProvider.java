package org.opencarboneval.agent.grid;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.opencarboneval.calibration.grid.IntensityTimeline;
import org.opencarboneval.calibration.grid.IntensityTimeline.Kind;
import org.opencarboneval.calibration.grid.IntensityTimeline.Point;
import org.opencarboneval.exporter.JsonObject;

/**
 * WattTime v3: {@code GET /login} with HTTP Basic gives a token valid 30 minutes, sent as {@code Authorization:
 * Bearer}; {@code GET /v3/forecast?region=&signal_type=co2_moer&horizon_hours=24} gives 5-minute points in lbs
 * CO2/MWh (1 lb/MWh = 0.45359237 g/kWh), its first point the nowcast for now. The signal is WattTime's marginal
 * operating emissions rate (MOER), not an average intensity as the other providers': README says so. The agent logs
 * in again before the token's 30 minutes are up and once on a 401; it checks the answer's units.
 */
final class WattTimeProvider implements IntensityProvider {

    static final URI DEFAULT_BASE = URI.create("https://api.watttime.org");
    static final double GRAMS_PER_KWH_PER_LB_PER_MWH = 0.45359237;
    /** Logs in again this long after the last login, before the token's documented 30 minutes end. */
    static final Duration TOKEN_LIFE = Duration.ofMinutes(25);
    private static final String NAME = "WattTime";
    private static final String FORECAST = "/v3/forecast";
    private static final String UNITS = "lbs_co2_per_mwh";

    private final URI base;
    private final String region;
    private final String basicAuth;
    private final ProviderHttp http;
    private String token;
    private Instant loggedInAt;

    WattTimeProvider(URI base, String region, String user, String password, ProviderHttp http) {
        this.base = base;
        this.region = region;
        this.basicAuth = "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = http;
    }

    @Override
    public String describe() {
        return "watttime " + region;
    }

    @Override
    public synchronized ProviderAnswer fetch(Instant now) throws IntensityException {
        if (token == null || !now.isBefore(loggedInAt.plus(TOKEN_LIFE))) {
            logIn(now);
        }
        try {
            return forecast();
        } catch (IntensityException e) {
            if (!e.unauthorized()) {
                throw e;
            }
            logIn(now);
            return forecast();
        }
    }

    private void logIn(Instant now) throws IntensityException {
        token = null;
        JsonObject answer = http.get(Uris.of(base, "/login", Map.of()), Map.of("Authorization", basicAuth));
        token = Answers.read(NAME, "/login", () -> answer.text("token"));
        loggedInAt = now;
    }

    private ProviderAnswer forecast() throws IntensityException {
        JsonObject answer = http.get(Uris.of(base, FORECAST,
                Map.of("region", region, "signal_type", "co2_moer", "horizon_hours", "24")),
            Map.of("Authorization", "Bearer " + token));
        String units = Answers.read(NAME, FORECAST, () -> answer.object("meta").text("units"));
        if (!units.equals(UNITS)) {
            throw new IntensityException(NAME + " sent " + FORECAST + " in units '" + units + "'; expected " + UNITS);
        }
        return Answers.read(NAME, FORECAST, () -> {
            List<Point> points = new ArrayList<>();
            for (JsonObject item : answer.objects("data")) {
                points.add(new Point(Times.parse(item.text("point_time")),
                    item.number("value") * GRAMS_PER_KWH_PER_LB_PER_MWH, Kind.FORECAST));
            }
            if (points.isEmpty()) {
                throw new IllegalArgumentException("field 'data': no points");
            }
            return ProviderAnswer.of(IntensityTimeline.of(points));
        });
    }
}
