package org.opencarboneval.calibration.forecast;

import java.util.Optional;

/**
 * Carbontracker's forecast, for comparison: once the first epoch is done, the run's total is that epoch's energy and
 * device time times the number of epochs (its default, {@code epochs_before_pred = 1}), and the forecast stays there.
 * In work terms: the first {@code epochWork} units' cost, scaled to the total work.
 */
public final class FirstEpochBaseline {

    private final double totalWork;
    private final double epochWork;
    private ProgressPoint previous;
    private Optional<ProgressPoint> firstEpoch = Optional.empty();

    public FirstEpochBaseline(double totalWork, double epochWork) {
        if (!(epochWork > 0 && epochWork <= totalWork)) {
            throw new IllegalArgumentException("epoch work must be in (0, total work], got " + epochWork);
        }
        this.totalWork = totalWork;
        this.epochWork = epochWork;
    }

    public void observe(ProgressPoint point) {
        if (firstEpoch.isEmpty() && point.work() >= epochWork) {
            firstEpoch = Optional.of(previous == null ? point : interpolate(previous, point));
        }
        previous = point;
    }

    /** Energy and device time at exactly the end of the first epoch, between the two points around it. */
    private ProgressPoint interpolate(ProgressPoint before, ProgressPoint after) {
        double span = after.work() - before.work();
        double share = span > 0 ? (epochWork - before.work()) / span : 1;
        return new ProgressPoint(
            before.deviceSeconds() + share * (after.deviceSeconds() - before.deviceSeconds()), epochWork,
            before.energyJoules() + share * (after.energyJoules() - before.energyJoules()));
    }

    /** Forecast total energy in joules; empty before the first epoch ends. */
    public Optional<Double> totalEnergyJoules() {
        return firstEpoch.map(p -> p.energyJoules() * totalWork / epochWork);
    }

    public Optional<Double> totalDeviceSeconds() {
        return firstEpoch.map(p -> p.deviceSeconds() * totalWork / epochWork);
    }
}
