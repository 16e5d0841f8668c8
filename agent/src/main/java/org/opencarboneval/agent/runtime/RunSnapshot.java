package org.opencarboneval.agent.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.opencarboneval.agent.progress.TotalSteps;

/**
 * The run as of one sample, immutable: what the ledger writes, the console prints, and the exporter and forecaster
 * read. Counts and energies include what earlier attempts of the same run recorded in the ledger.
 *
 * @param elapsedSeconds wall time of the run, earlier attempts included
 * @param steps          the run's position: a job restored from its checkpoint goes back to the checkpoint's step
 * @param stepsTrained   the steps trained, those redone after a restore included: a restore does not set it back (a
 *                       restart after a kill goes on from the ledger's last record, as the energies do)
 * @param stepsPerSecond recent throughput over the last few samples; 0 before two samples exist
 * @param energyJoules   cumulative energy drawn by the devices, before PUE
 * @param gpuSeconds     cumulative GPU time charged to this process: each interval times the sum of its GPUs'
 *                       shares (a GPU used by this process alone counts 1, one it shares by half 0.5)
 * @param co2eGrams      cumulative emissions: energy x PUE x grid intensity
 * @param forecast       the live forecast of the run's totals; empty until the total work is known and enough of
 *                       the run is seen
 * @param estimateGrams  the a-priori CO2e of the whole run, when its compute and hardware are known
 */
public record RunSnapshot(String runId, long sequence, Instant startedAt, Instant at, double elapsedSeconds,
        long steps, long stepsTrained, long samples, long epochs, Optional<TotalSteps> totalSteps,
        double stepsPerSecond, Components powerWatts, Components energyJoules, double gpuSeconds, List<GpuState> gpus,
        double co2eGrams, CarbonFactors carbon, Optional<RunForecast> forecast, OptionalDouble estimateGrams) {

    public OptionalDouble progress() {
        return totalSteps.map(t -> OptionalDouble.of(Math.min(1.0, (double) steps / t.steps())))
            .orElse(OptionalDouble.empty());
    }

    /** Time left: the forecast's, else at the recent throughput. */
    public Optional<Duration> eta() {
        if (forecast.isPresent()) {
            return Optional.of(Duration.ofMillis(Math.round(forecast.get().remainingSeconds().expected() * 1000)));
        }
        if (totalSteps.isEmpty() || stepsPerSecond <= 0) {
            return Optional.empty();
        }
        long remaining = Math.max(0, totalSteps.get().steps() - steps);
        return Optional.of(Duration.ofMillis(Math.round(remaining / stepsPerSecond * 1000)));
    }
}
