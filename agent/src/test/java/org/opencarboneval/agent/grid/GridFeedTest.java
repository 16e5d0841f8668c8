package org.opencarboneval.agent.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencarboneval.calibration.grid.IntensityTimeline;
import org.opencarboneval.calibration.grid.IntensityTimeline.Kind;
import org.opencarboneval.calibration.grid.IntensityTimeline.Point;

/**
 * What a run is charged and forecast at, from a provider's 48-hour forecast of a grid swinging between 60 and 240
 * g/kWh over the day, polled at 15:00, when its last slot is an afternoon's near 240.
 */
class GridFeedTest {

    private static final Instant POLLED = Instant.parse("2026-12-04T15:00:00Z");
    private static final double TEN_DAYS = 10 * 86_400;

    @Test
    void aProvidersOutlookRepeatsItsLastDayForARunWithDaysToGo() throws IntensityException {
        GridFeed feed = fedWith(provider(false));

        assertEquals(150, feed.outlook(POLLED).mean(POLLED, TEN_DAYS, 481).meanGramsPerKwh(), 1,
            "ten days at the cycle's mean, not eight of them at the last slot's");
        assertEquals(afternoon(), feed.at(POLLED.plusSeconds(48 * 3600 + 60)).gramsPerKwh(), 1e-9,
            "the intensity charged past the horizon is still the latest value, for the hours it is held");
    }

    @Test
    void aFilesLastRowHoldsForEverAsTheFileSays() throws IntensityException {
        GridFeed feed = fedWith(provider(true));

        assertEquals((2 * 150 + 8 * afternoon()) / 10, feed.outlook(POLLED).mean(POLLED, TEN_DAYS, 481)
            .meanGramsPerKwh(), 1);
    }

    private static GridFeed fedWith(IntensityProvider provider) throws IntensityException {
        GridFeed feed = GridFeed.fedBy(provider, 481);
        feed.publish(provider.fetch(POLLED), POLLED);
        return feed;
    }

    private static double afternoon() {
        return intensityAt(47.5);
    }

    private static double intensityAt(double hoursAfterThePoll) {
        return 150 - 90 * Math.cos(2 * Math.PI * (hoursAfterThePoll + 12) / 24);
    }

    private static IntensityProvider provider(boolean file) {
        List<Point> points = new ArrayList<>();
        for (int slot = 0; slot < 96; slot++) {
            points.add(new Point(POLLED.plusSeconds(1800L * slot), intensityAt(slot / 2.0),
                slot == 0 ? Kind.ACTUAL : Kind.FORECAST));
        }
        ProviderAnswer answer = ProviderAnswer.of(IntensityTimeline.of(points));
        return new IntensityProvider() {
            @Override
            public String describe() {
                return file ? "file" : "a 48-hour forecast";
            }

            @Override
            public ProviderAnswer fetch(Instant now) {
                return answer;
            }

            @Override
            public boolean isFile() {
                return file;
            }
        };
    }
}
