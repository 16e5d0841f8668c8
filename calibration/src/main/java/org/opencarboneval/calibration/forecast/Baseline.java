package org.opencarboneval.calibration.forecast;

import java.util.Optional;

/**
 * The simple forecasts a live forecast must beat, each the measured energy so far plus the remaining work at one
 * fixed cost per unit of work.
 */
public enum Baseline {

    /**
     * Carbontracker's forecast (its default, {@code epochs_before_pred = 1}): once the first epoch is done, the total
     * is that epoch's energy, from the first step on, times the work of the whole run over the epoch's; start-up is
     * added as measured, which Carbontracker itself leaves out.
     */
    FIRST_EPOCH("first epoch") {
        @Override
        Optional<Double> total(History history, double totalWork) {
            ProgressPoint epoch = history.firstEpochEnd();
            ProgressPoint start = history.trainingStart();
            return epoch == null ? Optional.empty() : Optional.of(start.energyJoules()
                + (epoch.energyJoules() - start.energyJoules()) * (totalWork - start.work())
                / (epoch.work() - start.work()));
        }
    },
    /** The energy so far over the share of the work done: start-up and warm-up included. */
    LINEAR("linear") {
        @Override
        Optional<Double> total(History history, double totalWork) {
            ProgressPoint last = history.last();
            return last.work() > 0 ? Optional.of(last.energyJoules() * totalWork / last.work()) : Optional.empty();
        }
    },
    /** The cost of the latest tenth of the work done, for the rest. */
    RECENT("recent") {
        @Override
        Optional<Double> total(History history, double totalWork) {
            return history.trainingStart() == null ? Optional.empty()
                : ahead(history, CostModel.latest(history, history.trainingStart(), 0.1), totalWork);
        }
    },
    /** The mean cost of the completed epochs after the first, for the rest. */
    COMPLETED_EPOCHS("completed epochs") {
        @Override
        Optional<Double> total(History history, double totalWork) {
            return ahead(history,
                CostModel.COMPLETED_EPOCHS.cost(history, history.trainingStart(), totalWork, Optional.empty()),
                totalWork);
        }
    };

    private final String label;

    Baseline(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The forecast total energy in joules from the history so far; empty where this baseline cannot tell yet. */
    abstract Optional<Double> total(History history, double totalWork);

    private static Optional<Double> ahead(History history, Optional<CostAhead> cost, double totalWork) {
        double remaining = totalWork - history.last().work();
        return cost.map(c -> history.last().energyJoules() + remaining * c.over(remaining).joulesPerWork());
    }

}
