package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.opencarboneval.agent.runtime.Components;

/**
 * A {@code sample} or {@code end} record read back from the ledger: the run's cumulative figures at one moment.
 *
 * @param totalSteps the run's total steps as the agent knew it then, if it did
 */
public record LedgerSample(String runId, String type, long sequence, double elapsedSeconds, long steps, long samples,
        long epochs, OptionalLong totalSteps, Components energyJoules, double co2eGrams) {

    /** The sample or end record on a line; empty for other records and for a line cut short or corrupted. */
    public static Optional<LedgerSample> parse(String line) {
        return LedgerRecord.parse(line)
            .filter(r -> "sample".equals(r.get("type")) || "end".equals(r.get("type")))
            .map(LedgerSample::of);
    }

    /** Every sample and end record in the ledger, in order, of every run it holds. */
    public static List<LedgerSample> readAll(Path ledger) throws IOException {
        List<LedgerSample> samples = new ArrayList<>();
        for (String line : LedgerLines.all(ledger)) {
            parse(line).ifPresent(samples::add);
        }
        return samples;
    }

    private static LedgerSample of(Map<String, Object> record) {
        @SuppressWarnings("unchecked")
        Map<String, Object> energy = (Map<String, Object>) record.get("energy_j");
        Object total = record.get("total_steps");
        return new LedgerSample(String.valueOf(record.get("run_id")), (String) record.get("type"),
            whole(record, "seq"), number(record, "elapsed_s"), whole(record, "steps"), whole(record, "samples"),
            whole(record, "epochs"),
            total instanceof Double steps ? OptionalLong.of(Math.round(steps)) : OptionalLong.empty(),
            new Components(number(energy, "gpu"), number(energy, "cpu"), number(energy, "dram")),
            number(record, "co2e_g"));
    }

    private static double number(Map<String, Object> record, String name) {
        return record != null && record.get(name) instanceof Double value ? value : 0;
    }

    private static long whole(Map<String, Object> record, String name) {
        return Math.round(number(record, name));
    }
}
