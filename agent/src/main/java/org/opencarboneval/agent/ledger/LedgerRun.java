package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run read back from a ledger: its samples in order, across restarts, and the settings its latest start record
 * carried. A ledger may hold several runs; the one asked for, or else the last one written, is read.
 */
public record LedgerRun(String runId, List<LedgerSample> samples, Map<String, String> settings, double pue) {

    public static LedgerRun read(Path ledger, Optional<String> runId) throws IOException {
        List<String> lines = LedgerLines.all(ledger);
        List<LedgerSample> all = new ArrayList<>();
        for (String line : lines) {
            LedgerSample.parse(line).ifPresent(all::add);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(ledger + " holds no sample records");
        }
        String chosen = runId.orElse(all.get(all.size() - 1).runId());
        List<LedgerSample> samples = all.stream().filter(s -> s.runId().equals(chosen)).toList();
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(ledger + " holds no run '" + chosen + "'");
        }
        Map<String, String> settings = new HashMap<>();
        double pue = 1;
        for (String line : lines) {
            Optional<Map<String, Object>> record = LedgerRecord.parse(line);
            if (record.isPresent() && "start".equals(record.get().get("type"))
                    && chosen.equals(record.get().get("run_id"))) {
                settings.clear();
                if (record.get().get("settings") instanceof Map<?, ?> given) {
                    given.forEach((k, v) -> settings.put(String.valueOf(k), String.valueOf(v)));
                }
                pue = record.get().get("pue") instanceof Double value ? value : 1;
            }
        }
        return new LedgerRun(chosen, samples, Map.copyOf(settings), pue);
    }

    public LedgerSample last() {
        return samples.get(samples.size() - 1);
    }
}
