package org.opencarboneval.calibration.forecast;

import java.util.Optional;

/**
 * Carbontracker's forecast, for comparison: once the first epoch is done, the total is that epoch's energy and device
 * time times the number of epochs (its default, {@code epochs_before_pred = 1}), and the forecast stays there. In
 * work terms: the cost of the first {@code epochWork} units, from the first step on, scaled to the total work. What
 * was measured before the first step (start-up) is added as measured, which Carbontracker itself leaves out.
 */
public final class FirstEpochBaseline {

    private final double totalWork;
    private final double epochWork;
    private ProgressPoint previous;
    private ProgressPoint trainingStart;
    private Optional<ProgressPoint> firstEpoch = Optional.empty();

    public FirstEpochBaseline(double totalWork, double epochWork) {
        if (!(epochWork > 0 && epochWork <= totalWork)) {
            throw new IllegalArgumentException("epoch work must be in (0, total work], got " + epochWork);
        }
        this.totalWork = totalWork;
        this.epochWork = epochWork;
    }

    public void observe(ProgressPoint point) {
        if (trainingStart == null && point.work() > 0) {
            trainingStart = previous == null ? new ProgressPoint(point.deviceSeconds(), 0, point.energyJoules())
                : previous;
        }
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
        return firstEpoch.map(p -> trainingStart.energyJoules()
            + (p.energyJoules() - trainingStart.energyJoules()) * totalWork / epochWork);
    }

    public Optional<Double> totalDeviceSeconds() {
        return firstEpoch.map(p -> trainingStart.deviceSeconds()
            + (p.deviceSeconds() - trainingStart.deviceSeconds()) * totalWork / epochWork);
    }
}
