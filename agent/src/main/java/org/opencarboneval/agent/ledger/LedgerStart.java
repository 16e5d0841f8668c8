package org.opencarboneval.agent.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.opencarboneval.exporter.JsonObject;

/**
 * A {@code start} record read back: the settings a run (or one attempt of it) was started with, and the GPUs it saw
 * (absent from ledgers written before the agent recorded them).
 */
record LedgerStart(String runId, Map<String, String> settings, double pue, OptionalLong gpuCount,
                   Optional<String> gpuName) {

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
            record.optionalNumber("pue").orElse(1), record.optionalWholeNumber("gpu_count"),
            record.optionalText("gpu_name")));
    }
}
