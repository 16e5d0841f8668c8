package org.opencarboneval.agent.grid;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.opencarboneval.calibration.grid.ForecastSkill;
import org.opencarboneval.calibration.grid.IntensityTimeline;

/**
 * The intensity the run is charged, published by the {@link GridPoller} and read by the sampling thread without
 * waiting: the provider's latest timeline while it is usable, else the table's value. A failed poll publishes
 * nothing, so the last values stay in force; a provider's timeline is used up to {@link #HELD_BEYOND} past its
 * horizon (or its last answer, if later), since an intensity hours old says little about the grid now. A file's
 * last row holds for ever, as the file says. A poll answered in part keeps the last timeline's forecast beyond what it
 * got. Each new timeline's actual values judge the previous one's forecasts.
 * The outlook a forecast charges its remaining energy at repeats a provider's last 24 hours past its last slot, where
 * it spans a day: a run with days to go meets the grid's daily cycle, not one slot of it for days.
 */
public final class GridFeed {

    /** How long a provider's latest value is held once its forecast (or its last answer) is behind. */
    public static final Duration HELD_BEYOND = Duration.ofHours(3);

    /** A provider's answer: the timeline in force, and the outlook for forecasts past its horizon. */
    private record Published(IntensityTimeline timeline, IntensityTimeline outlook, Instant fetchedAt) {
    }

    private final double tableGramsPerKwh;
    private final boolean fromFile;
    private final boolean configured;
    private final ForecastSkill skill = new ForecastSkill();
    private volatile Published latest;

    private GridFeed(double tableGramsPerKwh, boolean fromFile, boolean configured) {
        this.tableGramsPerKwh = tableGramsPerKwh;
        this.fromFile = fromFile;
        this.configured = configured;
    }

    /** No provider: the table's (or the {@code ci} setting's) value throughout. */
    public static GridFeed table(double tableGramsPerKwh) {
        return new GridFeed(tableGramsPerKwh, false, false);
    }

    /** Fed by this provider, with the table's value until its first answer and as the last resort. */
    public static GridFeed fedBy(IntensityProvider provider, double tableGramsPerKwh) {
        return new GridFeed(tableGramsPerKwh, provider.isFile(), true);
    }

    /** Whether a provider or file feeds it (the console then shows the intensity in force). */
    public boolean configured() {
        return configured;
    }

    /** Called by the poller with each good answer. */
    void publish(ProviderAnswer answer, Instant fetchedAt) {
        Published previous = latest;
        if (previous != null) {
            skill.compare(previous.timeline(), answer.timeline());
        }
        answer.checked().forEach(c -> skill.add(c.slot(), c.forecastGramsPerKwh(), c.actualGramsPerKwh()));
        IntensityTimeline timeline = answer.lacking().isPresent() && previous != null
            ? aheadOf(answer.timeline(), previous.timeline()) : answer.timeline();
        latest = new Published(timeline, fromFile ? timeline : timeline.repeatingItsLastDay(), fetchedAt);
    }

    /**
     * A partial answer (a forecast request failed), followed by what the last timeline foresaw beyond it: whichever
     * process fetched that forecast, this one or another through the shared answers.
     */
    private static IntensityTimeline aheadOf(IntensityTimeline partial, IntensityTimeline last) {
        Optional<Instant> horizon = partial.horizon();
        if (horizon.isEmpty()) {
            return partial;
        }
        List<IntensityTimeline.Point> points = new ArrayList<>(partial.points());
        last.points().stream().filter(p -> p.from().isAfter(horizon.get())).forEach(points::add);
        return IntensityTimeline.of(points);
    }

    /** The intensity in force at {@code time}. */
    public IntensityInForce at(Instant time) {
        Published current = latest;
        if (usable(current, time)) {
            IntensityTimeline.Point point = current.timeline().at(time).orElse(null);
            if (point != null) {
                return new IntensityInForce(point.gramsPerKwh(), fromFile ? IntensitySource.FILE
                    : point.kind() == IntensityTimeline.Kind.ACTUAL ? IntensitySource.LIVE : IntensitySource.FORECAST);
            }
        }
        return new IntensityInForce(tableGramsPerKwh, IntensitySource.TABLE);
    }

    /**
     * The intensity to charge the energy of the interval from {@code from} to {@code to}: the provider's (or file's)
     * mean over it, weighted by time, where its timeline is in force at both ends, else the one in force at
     * {@code to}. An interval of a second is charged the value of its slot; one of hours (a job suspended, a sampler
     * that stalled) the slots it spanned, not the last one's; how its energy was spread over it is not known. The
     * source is the one in force at {@code to}.
     */
    public IntensityInForce over(Instant from, Instant to) {
        IntensityInForce atEnd = at(to);
        Published current = latest;
        if (atEnd.source() == IntensitySource.TABLE || !from.isBefore(to) || !usable(current, from)
                || current.timeline().at(from).equals(current.timeline().at(to))) {
            return atEnd; // within one slot: its value exactly, not a mean worked out by difference
        }
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        return new IntensityInForce(current.timeline().mean(from, seconds, tableGramsPerKwh).meanGramsPerKwh(),
            atEnd.source());
    }

    /** The timeline to forecast with from {@code time}; empty when there is none in force (the table holds). */
    public IntensityTimeline outlook(Instant time) {
        Published current = latest;
        return usable(current, time) ? current.outlook() : IntensityTimeline.EMPTY;
    }

    public double tableGramsPerKwh() {
        return tableGramsPerKwh;
    }

    /** The intensity forecast's relative error (log scale), from the run's own record once it has one. */
    public double sigmaLn() {
        return skill.sigmaLn();
    }

    private boolean usable(Published current, Instant time) {
        if (current == null || current.timeline().isEmpty()) {
            return false;
        }
        if (fromFile) {
            return true;
        }
        Instant horizon = current.timeline().horizon().orElseThrow();
        Instant lastKnown = horizon.isAfter(current.fetchedAt()) ? horizon : current.fetchedAt();
        return !time.isAfter(lastKnown.plus(HELD_BEYOND));
    }
}
