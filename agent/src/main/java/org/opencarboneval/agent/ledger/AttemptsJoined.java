package org.opencarboneval.agent.ledger;

import java.util.OptionalDouble;

import org.opencarboneval.agent.runtime.Components;

/**
 * A run's samples as one course across its attempts. An attempt that did not resume (its start record says
 * {@code resumed: false}: the ledger could not be read at its start, or its tail held nothing of the run) counts its
 * time, energy, CO2e and GPU time from zero again; added to where the run stood before it, they go on, so the run's
 * totals are all its attempts', not the last one's. Progress (steps, samples, epochs) is left as recorded: where it
 * goes back, that is a restore from a checkpoint, as {@link TrainedSteps} reads it. One instance per pass over the run.
 */
final class AttemptsJoined {

    private LedgerSample last;
    private LedgerSample before;

    /** A start record of the run. */
    void began(LedgerStart attempt) {
        if (attempt.afresh() && last != null) {
            before = last;
        }
    }

    /** The sample as part of the whole run. */
    LedgerSample joined(LedgerSample recorded) {
        LedgerSample sample = before == null ? recorded : new LedgerSample(recorded.runId(), recorded.type(),
            recorded.sequence(), before.elapsedSeconds() + recorded.elapsedSeconds(), recorded.steps(),
            recorded.stepsTrained(), recorded.samples(), recorded.epochs(), recorded.totalSteps(),
            before.energyJoules().plus(recorded.energyJoules()), before.co2eGrams() + recorded.co2eGrams(),
            sum(before.gpuSeconds(), recorded.gpuSeconds()));
        last = sample;
        return sample;
    }

    private static OptionalDouble sum(OptionalDouble a, OptionalDouble b) {
        return a.isPresent() && b.isPresent() ? OptionalDouble.of(a.getAsDouble() + b.getAsDouble())
            : OptionalDouble.empty();
    }
}
