package org.opencarboneval.agent.ledger;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import org.opencarboneval.agent.runtime.Components;
import org.opencarboneval.calibration.forecast.ProgressPoint;
import org.opencarboneval.exporter.JsonObject;

/**
 * A {@code sample} or {@code end} record read back from the ledger: the run's cumulative figures at one moment.
 *
 * @param totalSteps  the run's total steps as the agent knew it then, if it did
 * @param stepsTrained the steps trained by then, those redone after a restore included; written only where they differ
 *                    from {@code steps}
 * @param gpuSeconds  the GPU time charged to the process by then (see the snapshot's); empty in older ledgers
 */
public record LedgerSample(String runId, String type, long sequence, double elapsedSeconds, long steps,
        long stepsTrained, long samples, long epochs, OptionalLong totalSteps, Components energyJoules,
        double co2eGrams, OptionalDouble gpuSeconds) {

    /** What the forecast observes of this sample: time, work (steps), energy of every component, epochs. */
    public ProgressPoint progressPoint() {
        return new ProgressPoint(elapsedSeconds, steps, energyJoules.total(), epochs);
    }

    /** The sample or end record on a line; empty for other records and for a line cut short or corrupted. */
    public static Optional<LedgerSample> parse(String line) {
        try {
            return of(LedgerRecord.read(line));
        } catch (IllegalArgumentException damaged) {
            return Optional.empty();
        }
    }

    /**
     * The sample or end record this is, empty for other records; a field missing or of the wrong type is an
     * {@link IllegalArgumentException} naming it.
     */
    static Optional<LedgerSample> of(JsonObject record) {
        String type = record.optionalText("type").orElse("");
        if (!type.equals("sample") && !type.equals("end")) {
            return Optional.empty();
        }
        JsonObject energy = record.object("energy_j");
        long steps = record.wholeNumber("steps");
        return Optional.of(new LedgerSample(record.text("run_id"), type, record.wholeNumber("seq"),
            record.number("elapsed_s"), steps, record.optionalWholeNumber("steps_trained").orElse(steps),
            record.wholeNumber("samples"), record.wholeNumber("epochs"), record.optionalWholeNumber("total_steps"),
            new Components(energy.number("gpu"), energy.number("cpu"), energy.number("dram")),
            record.number("co2e_g"), record.optionalNumber("gpu_s")));
    }
}
