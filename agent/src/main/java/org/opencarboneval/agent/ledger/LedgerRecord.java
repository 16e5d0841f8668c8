package org.opencarboneval.agent.ledger;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.opencarboneval.exporter.JsonObject;
import org.opencarboneval.exporter.JsonReader;
import org.opencarboneval.exporter.JsonWriter;
import org.opencarboneval.agent.runtime.Components;
import org.opencarboneval.agent.runtime.JobRank;
import org.opencarboneval.agent.runtime.RunSnapshot;

/** The ledger's line formats: {@code start}, {@code sample} and {@code end} records, one JSON object per line. */
public final class LedgerRecord {

    private static final JsonReader.Limits LIMITS = new JsonReader.Limits(LedgerLines.MAX_LINE_BYTES, 16,
        LedgerLines.MAX_LINE_BYTES, 64);

    private LedgerRecord() {
    }

    /**
     * The start record; {@code rank} and {@code world_size} are there when the job's launcher gave them.
     *
     * @param aprioriDeviceJoules the a-priori estimate's device energy (before PUE), by the calibration the run was
     *                            started with, for {@code report}: the calibration file may be gone or refitted by then
     */
    public static String start(RunSnapshot snapshot, boolean resumed, String powerStatus, Map<String, String> settings,
            JobRank rank, OptionalDouble aprioriDeviceJoules) {
        JsonWriter json = new JsonWriter().beginObject()
            .field("type", "start")
            .field("run_id", snapshot.runId())
            .field("t", snapshot.at().toString())
            .field("pid", ProcessHandle.current().pid());
        rank.rank().ifPresent(r -> json.field("rank", r));
        rank.worldSize().ifPresent(size -> json.field("world_size", size));
        json
            .field("resumed", resumed)
            .field("power", powerStatus)
            .field("region", snapshot.carbon().region())
            .field("ci_kg_per_kwh", snapshot.carbon().kgPerKwh())
            .field("pue", snapshot.carbon().pue())
            .field("gpu_count", snapshot.gpus().size());
        if (!snapshot.gpus().isEmpty()) {
            json.field("gpu_name", snapshot.gpus().get(0).name()); // what 'calibrate --ledgers' knows the device by
        }
        aprioriDeviceJoules.ifPresent(joules -> json.field("apriori_energy_j", joules));
        json.name("settings").beginObject();
        settings.forEach(json::field);
        return json.endObject().endObject().toString();
    }

    public static String sample(RunSnapshot snapshot) {
        return measurement("sample", snapshot);
    }

    public static String end(RunSnapshot snapshot) {
        return measurement("end", snapshot);
    }

    /** The record on this line, or empty when the line is not a whole JSON object (e.g. cut off by a kill). */
    public static Optional<Map<String, Object>> parse(String line) {
        try {
            return Optional.of(read(line).asMap());
        } catch (IllegalArgumentException damaged) {
            return Optional.empty();
        }
    }

    /**
     * The record on this line; an {@link IllegalArgumentException} saying what is wrong when the line is not a whole
     * JSON object within the ledger's limits (its longest line, 16 levels of nesting: records use 3).
     */
    static JsonObject read(String line) {
        return JsonReader.parseObject(line, LIMITS);
    }

    private static String measurement(String type, RunSnapshot snapshot) {
        JsonWriter json = new JsonWriter().beginObject()
            .field("type", type)
            .field("run_id", snapshot.runId())
            .field("seq", snapshot.sequence())
            .field("t", snapshot.at().toString())
            .field("elapsed_s", snapshot.elapsedSeconds())
            .field("steps", snapshot.steps());
        if (snapshot.stepsTrained() != snapshot.steps()) {
            // after a restore, the steps redone since its checkpoint: a resumed run's trained-steps counter goes on
            json.field("steps_trained", snapshot.stepsTrained());
        }
        json.field("samples", snapshot.samples())
            .field("epochs", snapshot.epochs());
        if (snapshot.totalSteps().isPresent()) {
            json.field("total_steps", snapshot.totalSteps().get().steps())
                .field("total_steps_source", snapshot.totalSteps().get().source());
        } else {
            json.name("total_steps").nullValue();
        }
        json.field("steps_per_s", snapshot.stepsPerSecond());
        components(json, "power_w", snapshot.powerWatts());
        components(json, "energy_j", snapshot.energyJoules());
        // The GPU time charged with that energy: 'calibrate --ledgers' divides the two (a rank sees all of its node's
        // GPUs, gpu_count, and is charged only its share of those it uses).
        json.field("gpu_s", snapshot.gpuSeconds());
        // The intensity each interval was charged at (the one in force at this sample) and where it came from.
        return json.field("co2e_g", snapshot.co2eGrams())
            .field("ci_g_per_kwh", snapshot.carbon().kgPerKwh() * 1000)
            .field("ci_source", snapshot.carbon().source())
            .endObject().toString();
    }

    private static void components(JsonWriter json, String name, Components values) {
        json.name(name).beginObject()
            .field("gpu", values.gpu())
            .field("cpu", values.cpu())
            .field("dram", values.dram())
            .endObject();
    }
}
