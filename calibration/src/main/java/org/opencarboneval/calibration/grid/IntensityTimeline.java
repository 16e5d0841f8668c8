package org.opencarboneval.calibration.grid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The grid's carbon intensity over time as a step function: each point holds from its time until the next point's,
 * the last one for ever (the latest value beyond the horizon), and before the first point nothing is known (the
 * caller's fallback, e.g. the yearly table value, holds). Means over a window are exact integrals of the steps, found
 * in O(log n) from prefix sums, so the greenest window of a 72-hour, 5-minute forecast costs a few thousand steps.
 *
 * <p>To forecast days ahead, {@link #repeatingItsLastDay()} holds the grid's daily cycle instead of one value: past
 * the end of the last point's slot, each moment takes the value of the same time of day in the timeline's last 24
 * hours. Holding the latest value would charge a run with days to go at one half-hour's intensity, a night's or an
 * afternoon's by the hour of the poll, and find the "greenest" start at the horizon's night.
 */
public final class IntensityTimeline {

    /** Whether a point was measured (or estimated for the past) or forecast. */
    public enum Kind {
        ACTUAL, FORECAST
    }

    /** The intensity from {@code from} on, in gCO2e/kWh. */
    public record Point(Instant from, double gramsPerKwh, Kind kind) {

        public Point {
            if (!Double.isFinite(gramsPerKwh) || gramsPerKwh < 0) {
                throw new IllegalArgumentException("an intensity must be a number of at least 0 g/kWh, got "
                    + gramsPerKwh + " at " + from);
            }
        }
    }

    /**
     * A window of the timeline and its mean intensity. {@code forecastShare} is the part of its integral that rests
     * on forecasts or on the latest value held beyond the horizon, rather than on actual values or the fallback.
     */
    public record Window(Instant start, double seconds, double meanGramsPerKwh, double forecastShare) {
    }

    public static final IntensityTimeline EMPTY = new IntensityTimeline(List.of(), false);

    /** The cycle a grid's intensity repeats, in seconds. */
    static final double DAY = 86_400;

    private final List<Point> points;
    /** Where the last point's slot ends (as long as the slot before it); beyond it the last day may repeat. */
    private final double end;
    /** Whether the timeline's last day repeats beyond {@link #end}: asked for, and the timeline spans a day. */
    private final boolean repeatsLastDay;
    /**
     * The integral to the repeated day's start, the day's own, and where in it the value changes: its start, then
     * each point after it.
     */
    private final double dayStartIntegral;
    private final double dayIntegral;
    private final double[] dayBends;
    private final double[] starts;
    /** Integral of the intensity (g/kWh x s) from the first point to each point's start. */
    private final double[] integral;
    /** Integral of the forecast points' intensity alone, to tell how much of a window rests on forecasts. */
    private final double[] forecastIntegral;

    private IntensityTimeline(List<Point> sorted, boolean repeatLastDay) {
        this.points = List.copyOf(sorted);
        int n = points.size();
        starts = new double[n];
        integral = new double[n];
        forecastIntegral = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = seconds(points.get(i).from());
            if (i > 0) {
                double span = starts[i] - starts[i - 1];
                Point previous = points.get(i - 1);
                integral[i] = integral[i - 1] + previous.gramsPerKwh() * span;
                forecastIntegral[i] = forecastIntegral[i - 1]
                    + (previous.kind() == Kind.FORECAST ? previous.gramsPerKwh() * span : 0);
            }
        }
        end = n < 2 ? Double.POSITIVE_INFINITY : 2 * starts[n - 1] - starts[n - 2];
        repeatsLastDay = repeatLastDay && n >= 2 && end - starts[0] >= DAY;
        if (repeatsLastDay) {
            int first = indexAt(end - DAY);
            dayStartIntegral = integralWithin(end - DAY, integral, false);
            dayIntegral = integralWithin(end, integral, false) - dayStartIntegral;
            dayBends = new double[n - first];
            dayBends[0] = end - DAY;
            System.arraycopy(starts, first + 1, dayBends, 1, n - first - 1);
        } else {
            dayStartIntegral = 0;
            dayIntegral = 0;
            dayBends = new double[0];
        }
    }

    /** The timeline of these points in time order; of two at the same time, the later in the list wins. */
    public static IntensityTimeline of(List<Point> points) {
        TreeMap<Instant, Point> byTime = new TreeMap<>();
        points.forEach(p -> byTime.put(p.from(), p));
        return new IntensityTimeline(new ArrayList<>(byTime.values()), false);
    }

    /**
     * This timeline with its last 24 hours repeating past the end of its last slot, for a forecast days ahead; as it
     * is where it spans less than a day (then the latest value holds, as nothing says what a day looks like).
     */
    public IntensityTimeline repeatingItsLastDay() {
        return new IntensityTimeline(points, true);
    }

    public List<Point> points() {
        return points;
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** The point in force at {@code time} (for a repeating timeline, beyond its end, the day's earlier one). */
    public Optional<Point> at(Instant time) {
        int i = indexAt(withinLastDay(seconds(time)));
        return i < 0 ? Optional.empty() : Optional.of(points.get(i));
    }

    /** When the last point begins: beyond it the latest value holds, or the last day repeats. */
    public Optional<Instant> horizon() {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1).from());
    }

    /**
     * The time-weighted mean intensity over {@code seconds} from {@code start}; {@code fallback} where the timeline
     * knows nothing (before its first point, or all of it when empty). A window of no length is the value at start.
     */
    public Window mean(Instant start, double seconds, double fallback) {
        double a = seconds(start);
        double length = Math.max(0, seconds);
        if (points.isEmpty()) {
            return new Window(start, length, fallback, 0);
        }
        if (length == 0) {
            int i = indexAt(withinLastDay(a));
            boolean guessed = i >= 0 && (points.get(i).kind() == Kind.FORECAST || i == points.size() - 1 || a > end);
            return new Window(start, 0, i < 0 ? fallback : points.get(i).gramsPerKwh(), guessed ? 1 : 0);
        }
        double b = a + length;
        double before = Math.max(0, Math.min(b, starts[0]) - a) * fallback;
        double total = before + integralTo(b, integral, false) - integralTo(Math.max(a, starts[0]), integral, false);
        double forecast = integralTo(b, forecastIntegral, true)
            - integralTo(Math.max(a, starts[0]), forecastIntegral, true);
        return new Window(start, length, total / length, total > 0 ? forecast / total : 0);
    }

    /**
     * The start, from {@code earliest} to the horizon, whose window of {@code seconds} has the lowest mean. The mean
     * is piecewise linear in the start, bending only where the window's start or end crosses a point (or, past the
     * end of a repeating timeline, a point of the repeated day), so those starts (and {@code earliest}) are the only
     * candidates. Ties go to the earliest start.
     */
    public Window greenest(Instant earliest, double seconds, double fallback) {
        double from = seconds(earliest);
        Window best = mean(earliest, seconds, fallback);
        if (points.isEmpty()) {
            return best;
        }
        double horizon = starts[starts.length - 1];
        for (double start : starts) {
            best = greener(best, start, from, horizon, seconds, fallback);
            best = greener(best, start - seconds, from, horizon, seconds, fallback);
        }
        // past the end only the window's end can cross a bend: the start stays within the horizon
        if (repeatsLastDay && horizon + seconds > end) {
            double firstDay = end + DAY * Math.max(0, Math.floor((from + seconds - end) / DAY));
            for (double day = firstDay; day <= horizon + seconds; day += DAY) {
                for (double bend : dayBends) {
                    best = greener(best, day + (bend - dayBends[0]) - seconds, from, horizon, seconds, fallback);
                }
            }
        }
        return best;
    }

    /** The window from {@code candidate}, if it starts after {@code from}, by the horizon, and is greener than best. */
    private Window greener(Window best, double candidate, double from, double horizon, double seconds,
                           double fallback) {
        if (candidate <= from || candidate > horizon) {
            return best;
        }
        Window window = mean(instant(candidate), seconds, fallback);
        return window.meanGramsPerKwh() < best.meanGramsPerKwh() - 1e-9 ? window : best;
    }

    /**
     * Integral of the steps from the first point to {@code t} (at least the first point's start); beyond the end of a
     * repeating timeline, whole days of its last one and a part, all of it a guess.
     */
    private double integralTo(double t, double[] prefix, boolean forecastOnly) {
        if (!repeatsLastDay || t <= end) {
            return integralWithin(t, prefix, forecastOnly);
        }
        double days = Math.floor((t - end) / DAY);
        double part = integralWithin(withinLastDay(t), integral, false) - dayStartIntegral;
        return integralWithin(end, prefix, forecastOnly) + days * dayIntegral + part;
    }

    /** Where {@code t} falls in the repeated day: itself up to the end, or in a timeline that does not repeat. */
    private double withinLastDay(double t) {
        return !repeatsLastDay || t <= end ? t : end - DAY + (t - end) % DAY;
    }

    /** Integral of the steps as given, the last holding for ever, from the first point to {@code t}. */
    private double integralWithin(double t, double[] prefix, boolean forecastOnly) {
        int i = indexAt(t);
        if (i < 0) {
            return 0;
        }
        Point point = points.get(i);
        boolean guessed = point.kind() == Kind.FORECAST || i == points.size() - 1;
        double value = forecastOnly && !guessed ? 0 : point.gramsPerKwh();
        return prefix[i] + value * (t - starts[i]);
    }

    /** The index of the last point starting at or before {@code t}; -1 before the first. */
    private int indexAt(double t) {
        int low = 0;
        int high = starts.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (starts[mid] <= t) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    private static double seconds(Instant time) {
        return time.getEpochSecond() + time.getNano() / 1e9;
    }

    private static Instant instant(double seconds) {
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
    }
}
