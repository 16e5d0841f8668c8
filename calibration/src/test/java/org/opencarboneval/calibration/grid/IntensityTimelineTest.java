package org.opencarboneval.calibration.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.opencarboneval.calibration.CalibratedEstimator;
import org.opencarboneval.calibration.Range;
import org.opencarboneval.calibration.grid.IntensityTimeline.Kind;
import org.opencarboneval.calibration.grid.IntensityTimeline.Point;

class IntensityTimelineTest {

    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    private static Instant at(double hours) {
        return T0.plusMillis(Math.round(hours * 3.6e6));
    }

    /** 100 g/kWh actual until 13:00, then forecast 600 until 15:00, then 300. */
    private static final IntensityTimeline STEPS = IntensityTimeline.of(List.of(
        new Point(at(1), 600, Kind.FORECAST), new Point(at(0), 100, Kind.ACTUAL), new Point(at(3), 300,
            Kind.FORECAST)));

    @Test
    void meansIntegrateTheStepsWithTheLatestValueBeyondTheHorizonAndTheFallbackBefore() {
        assertEquals(100, STEPS.mean(at(0.5), 0, 481).meanGramsPerKwh());
        assertEquals((100 * 0.5 + 600 * 0.5) / 1, STEPS.mean(at(0.5), 3600, 481).meanGramsPerKwh(), 1e-9);
        assertEquals((600 * 2 + 300 * 5) / 7.0, STEPS.mean(at(1), 7 * 3600, 481).meanGramsPerKwh(), 1e-9,
            "300 holds beyond the horizon");
        assertEquals((481 * 1 + 100 * 1) / 2.0, STEPS.mean(at(-1), 2 * 3600, 481).meanGramsPerKwh(), 1e-9,
            "the fallback before the first point");
        assertEquals(481, IntensityTimeline.EMPTY.mean(T0, 100, 481).meanGramsPerKwh());
        assertEquals(0.5 * 600 / (0.5 * 100 + 0.5 * 600), STEPS.mean(at(0.5), 3600, 481).forecastShare(), 1e-9);
        assertEquals(0, STEPS.mean(at(-2), 3600, 481).forecastShare(), "the fallback is not a forecast");
    }

    /** Both ways past the horizon: the latest value held, and the last day repeated, for days. */
    @Test
    void meansMatchABruteForceSumOnRandomTimelines() {
        SplittableRandom random = new SplittableRandom(14);
        for (int run = 0; run < 200; run++) {
            List<Point> points = randomPoints(random);
            double start = random.nextInt(-40, 240) / 4.0;
            double hours = random.nextInt(1, 400) / 4.0;
            for (IntensityTimeline timeline : List.of(IntensityTimeline.of(points),
                    IntensityTimeline.of(points).repeatingItsLastDay())) {
                double sum = 0;
                int steps = (int) Math.round(hours * 60);
                for (int minute = 0; minute < steps; minute++) { // 15-minute grid: minutes sample the steps exactly
                    sum += timeline.at(at(start + (minute + 0.5) / 60)).map(Point::gramsPerKwh).orElse(250.0);
                }
                assertEquals(sum / steps, timeline.mean(at(start), hours * 3600, 250).meanGramsPerKwh(), 1e-6);
            }
        }
    }

    /**
     * A 48-hour forecast of a grid swinging between 60 and 240 g/kWh over the day, for a run with ten days to go:
     * repeating its last day charges them the cycle's mean (150) whatever the hour of the poll, where holding the
     * latest value charges them that half-hour's, and no start within the horizon is much greener than now.
     */
    @Test
    void aRunWithDaysToGoIsChargedTheDailyCycleNotOneSlotOfIt() {
        double tenDays = 10 * 86_400;
        for (int pollHour : new int[] {3, 15}) {
            List<Point> points = new ArrayList<>();
            for (int slot = 0; slot < 96; slot++) {
                double hour = pollHour + slot / 2.0;
                points.add(new Point(at(hour), 150 - 90 * Math.cos(2 * Math.PI * (hour - 3) / 24),
                    slot == 0 ? Kind.ACTUAL : Kind.FORECAST));
            }
            IntensityTimeline held = IntensityTimeline.of(points);
            IntensityTimeline repeating = held.repeatingItsLastDay();
            IntensityTimeline.Window ahead = repeating.mean(at(pollHour), tenDays, 481);
            assertEquals(150, ahead.meanGramsPerKwh(), 1, "poll at " + pollHour + ":00");
            assertEquals(1, ahead.forecastShare(), 0.01);
            double last = points.get(95).gramsPerKwh();
            assertEquals((2 * 150 + 8 * last) / 10, held.mean(at(pollHour), tenDays, 481).meanGramsPerKwh(), 1,
                "held: two days of the cycle, then eight at the last slot's " + last);
            IntensityTimeline.Window greenest = repeating.greenest(at(pollHour), tenDays, 481);
            assertTrue(greenest.meanGramsPerKwh() > 0.98 * ahead.meanGramsPerKwh(),
                "over ten days a later start saves little: " + greenest);
        }
    }

    @Test
    void theGreenestWindowStartsWhereTheStepsSay() {
        IntensityTimeline day = IntensityTimeline.of(List.of(new Point(at(0), 400, Kind.ACTUAL),
            new Point(at(2), 500, Kind.FORECAST), new Point(at(5), 80, Kind.FORECAST),
            new Point(at(8), 450, Kind.FORECAST)));

        IntensityTimeline.Window threeHours = day.greenest(at(0.25), 3 * 3600, 481);
        assertEquals(at(5), threeHours.start());
        assertEquals(80, threeHours.meanGramsPerKwh(), 1e-9);

        IntensityTimeline.Window sixHours = day.greenest(at(0.25), 6 * 3600, 481);
        assertEquals(at(5), sixHours.start(), "3 h at 80 then 3 h at 450 (265) beat 3 h at 500 then 3 h at 80 (290)");
        assertEquals(265, sixHours.meanGramsPerKwh(), 1e-9);
        for (double start = 0.25; start <= 8; start += 1 / 60.0) {
            assertTrue(sixHours.meanGramsPerKwh() <= day.mean(at(start), 6 * 3600, 481).meanGramsPerKwh() + 1e-9,
                "no start in the horizon is greener, e.g. " + start);
        }
        assertEquals(at(5), day.greenest(at(0.25), 0, 481).start(), "no length: where the value is lowest");
    }

    /**
     * On random timelines, held or repeating their last day, no start a minute apart within the horizon is greener
     * than the one found, for windows that end within the horizon, past it, or days past it.
     */
    @Test
    void theGreenestStartIsTheLowestOfEveryStartWithinTheHorizon() {
        SplittableRandom random = new SplittableRandom(25);
        for (int run = 0; run < 60; run++) {
            List<Point> points = randomPoints(random);
            double from = random.nextInt(0, 120) / 4.0;
            double minutes = random.nextInt(1, 6 * 24 * 60);
            for (IntensityTimeline timeline : List.of(IntensityTimeline.of(points),
                    IntensityTimeline.of(points).repeatingItsLastDay())) {
                IntensityTimeline.Window greenest = timeline.greenest(at(from), minutes * 60, 250);
                double horizon = (timeline.horizon().orElseThrow().toEpochMilli() - T0.toEpochMilli()) / 3.6e6;
                for (double start = from; start <= horizon; start += 1 / 60.0) {
                    assertTrue(greenest.meanGramsPerKwh() <= timeline.mean(at(start), minutes * 60, 250)
                        .meanGramsPerKwh() + 1e-6, "run " + run + ": a start at " + start + " h is greener than "
                        + greenest);
                }
            }
        }
    }

    /** Up to 40 points on a quarter-hour grid over 50 hours, each actual or forecast at random. */
    private static List<Point> randomPoints(SplittableRandom random) {
        List<Point> points = new ArrayList<>();
        int count = 1 + random.nextInt(40);
        for (int i = 0; i < count; i++) {
            points.add(new Point(at(random.nextInt(200) / 4.0), random.nextDouble(0, 800),
                random.nextBoolean() ? Kind.ACTUAL : Kind.FORECAST));
        }
        return points;
    }

    @Test
    void negativeOrNonFiniteIntensitiesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Point(T0, -1, Kind.ACTUAL));
        assertThrows(IllegalArgumentException.class, () -> new Point(T0, Double.NaN, Kind.ACTUAL));
    }

    @Test
    void remainingEmissionsSpreadTheEnergyOverTheTimeAndWidenWithTheForecastsError() {
        Range energy = new Range(3.6e6, 7.2e6, 14.4e6); // 1, 2, 4 kWh
        Range seconds = new Range(3600, 7200, 14400);

        Range flat = RemainingEmissions.grams(energy, seconds, 1.0, IntensityTimeline.EMPTY, T0, 400, 0.5);
        assertEquals(new Range(400, 800, 1600), flat, "the table's value, no intensity error on top");

        Range stepped = RemainingEmissions.grams(energy, seconds, 1.5, STEPS, at(0), 481, 0);
        assertEquals(2 * 1.5 * (100 + 600) / 2, stepped.expected(), 1e-9, "1 h at 100, 1 h at 600");
        assertEquals(1 * 1.5 * 100, stepped.low(), 1e-9);
        assertEquals(4 * 1.5 * (100 + 600 * 2 + 300) / 4, stepped.high(), 1e-9);

        Range widened = RemainingEmissions.grams(energy, seconds, 1.5, STEPS, at(0), 481, 0.2);
        double share = 600 / 700.0;
        double z = CalibratedEstimator.Z90 * 0.2 * share;
        assertEquals(stepped.expected(), widened.expected(), 1e-9);
        assertEquals(stepped.expected() * Math.exp(Math.hypot(Math.log(stepped.high() / stepped.expected()), z)),
            widened.high(), 1e-6);
        assertTrue(widened.low() < stepped.low());
    }

    @Test
    void theSkillIsThePriorUntilTheRunHasItsOwnRecord() {
        ForecastSkill skill = new ForecastSkill();
        assertEquals(0.071 * Math.sqrt(Math.PI / 2), skill.sigmaLn(), 1e-12);
        IntensityTimeline earlier = IntensityTimeline.of(List.of(new Point(at(0), 100, Kind.ACTUAL),
            new Point(at(1), 200, Kind.FORECAST), new Point(at(2), 200, Kind.FORECAST)));
        IntensityTimeline later = IntensityTimeline.of(List.of(new Point(at(1), 220, Kind.ACTUAL),
            new Point(at(2), 180, Kind.ACTUAL), new Point(at(3), 180, Kind.FORECAST)));
        skill.compare(earlier, later);
        skill.compare(earlier, later);
        assertEquals(2, skill.pairs(), "a slot is judged once");
        skill.add(at(4), 100, 100);
        skill.add(at(5), 100, 100);
        double expected = Math.sqrt((Math.pow(Math.log(1.1), 2) + Math.pow(Math.log(0.9), 2)) / 4);
        assertEquals(expected, skill.sigmaLn(), 1e-12);
    }
}
