package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opencarboneval.agent.runtime.Components;

/**
 * Where an earlier attempt of the same run stopped: its last sample (or end) record in the ledger. A run resumes only
 * when the ledger's last record carries its {@code run_id}; a cut-off or corrupt last line is skipped.
 */
public record ResumePoint(long sequence, double elapsedSeconds, long steps, long samples, long epochs,
        Components energyJoules, double co2eGrams) {

    public static Optional<ResumePoint> find(Path ledger, String runId) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(ledger, StandardCharsets.UTF_8);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            Optional<Map<String, Object>> record = LedgerRecord.parse(lines.get(i));
            if (record.isEmpty()) {
                continue;
            }
            Object type = record.get().get("type");
            if (!"sample".equals(type) && !"end".equals(type)) {
                continue;
            }
            return runId.equals(record.get().get("run_id")) ? Optional.of(of(record.get())) : Optional.empty();
        }
        return Optional.empty();
    }

    private static ResumePoint of(Map<String, Object> record) {
        @SuppressWarnings("unchecked")
        Map<String, Object> energy = (Map<String, Object>) record.get("energy_j");
        return new ResumePoint(whole(record, "seq"), number(record, "elapsed_s"), whole(record, "steps"),
            whole(record, "samples"), whole(record, "epochs"),
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
