package org.opencarboneval.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opencarboneval.agent.ledger.LedgerRecord;

/** A run ledger as the tests read it: the records, each line parsed with the agent's own reader. */
record Ledger(List<Map<String, Object>> records, List<String> unparsable) {

    static Ledger read(Path file) {
        return parse(TrainingJvm.read(file));
    }

    static Ledger parse(String text) {
        List<String> lines = text.lines().toList();
        return new Ledger(
            lines.stream().map(LedgerRecord::parse).flatMap(Optional::stream).toList(),
            lines.stream().filter(line -> LedgerRecord.parse(line).isEmpty()).toList());
    }

    List<Map<String, Object>> ofType(String type) {
        return records.stream().filter(r -> type.equals(r.get("type"))).toList();
    }

    Map<String, Object> end() {
        List<Map<String, Object>> ends = ofType("end");
        if (ends.size() != 1) {
            throw new AssertionError("expected one end record, found " + ends.size() + " in " + records);
        }
        return ends.get(0);
    }

    static long whole(Map<String, Object> record, String name) {
        Object value = record.get(name);
        if (!(value instanceof Double number)) {
            throw new AssertionError("record has no number '" + name + "': " + record);
        }
        return Math.round(number);
    }

    static double energy(Map<String, Object> record, String component) {
        @SuppressWarnings("unchecked")
        Map<String, Object> energy = (Map<String, Object>) record.get("energy_j");
        return (Double) energy.get(component);
    }
}
