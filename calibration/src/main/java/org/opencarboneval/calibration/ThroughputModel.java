package org.opencarboneval.calibration;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The candidate corrections to the paper's device time that {@link CalibrationFitter} chooses among by
 * leave-one-out. Each is a shift in ln(device time) shrunk toward the paper's own prediction (shift 0): published
 * runs are few, so no candidate may move far from the prior on a handful of them.
 */
public enum ThroughputModel {
    /** The paper's device time as it is. */
    PAPER,
    /** One shift for all hardware: the mean log error of the paper on the runs, shrunk toward none. */
    POOLED,
    /** A shift per hardware family, shrunk toward the pooled shift: a family with few runs stays near it. */
    FAMILY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ThroughputModel parse(String origin, String text) {
        for (ThroughputModel model : values()) {
            if (model.id().equals(text.strip())) {
                return model;
            }
        }
        throw new IllegalArgumentException(origin + ": 'model' is '" + text + "'; expected one of "
            + Arrays.stream(values()).map(ThroughputModel::id).collect(Collectors.joining(", ")));
    }
}
