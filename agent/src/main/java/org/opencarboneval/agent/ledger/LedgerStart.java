package org.opencarboneval.agent.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.opencarboneval.agent.runtime.JobRank;
import org.opencarboneval.exporter.JsonObject;

/**
 * A {@code start} record read back: the settings a run (or one attempt of it) was started with, its rank, the GPUs
 * it saw and its a-priori device energy (each absent from ledgers written before the agent recorded it, and the
 * estimate from runs without compute or a known accelerator). {@code afresh}: the attempt says it did not resume, its
 * figures counting from zero (an older agent's record, which does not say, is taken as resumed).
 */
record LedgerStart(String runId, Map<String, String> settings, double pue, JobRank rank, OptionalLong gpuCount,
                   Optional<String> gpuName, OptionalDouble aprioriEnergyJoules, Optional<String> process,
                   boolean afresh) {

    /** The start record this is, empty for other records; a field of the wrong type is an error naming it. */
    static Optional<LedgerStart> of(JsonObject record) {
        if (!"start".equals(record.optionalText("type").orElse(""))) {
            return Optional.empty();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Optional<JsonObject> given = record.optionalObject("settings");
        if (given.isPresent()) {
            for (String key : given.get().asMap().keySet()) {
                settings.put(key, given.get().text(key));
            }
        }
        return Optional.of(new LedgerStart(record.text("run_id"), Map.copyOf(settings),
            record.optionalNumber("pue").orElse(1), new JobRank(whole(record, "rank"), whole(record, "world_size")),
            record.optionalWholeNumber("gpu_count"), record.optionalText("gpu_name"),
            record.optionalNumber("apriori_energy_j"), process(record),
            Boolean.FALSE.equals(record.asMap().get("resumed"))));
    }

    /**
     * The process that wrote it: its start, to the nanosecond, and its pid; none in a record that lacks either, or
     * gives no real pid (0: a simulator's), or gives them in another form (that costs the copy check only, not the
     * record).
     */
    private static Optional<String> process(JsonObject record) {
        try {
            Optional<String> at = record.optionalText("t");
            OptionalLong pid = record.optionalWholeNumber("pid");
            return at.isPresent() && pid.isPresent() && pid.getAsLong() > 0
                ? Optional.of("pid " + pid.getAsLong() + " at " + at.get()) : Optional.empty();
        } catch (IllegalArgumentException otherForm) {
            return Optional.empty();
        }
    }

    private static OptionalInt whole(JsonObject record, String name) {
        OptionalLong value = record.optionalWholeNumber(name);
        if (value.isPresent() && (value.getAsLong() < 0 || value.getAsLong() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("field '" + name + "' is " + value.getAsLong()
                + "; expected a whole number from 0 to " + Integer.MAX_VALUE);
        }
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }
}
