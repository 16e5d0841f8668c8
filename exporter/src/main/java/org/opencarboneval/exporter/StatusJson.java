package org.opencarboneval.exporter;

/**
 * The body of {@code /status.json}: the same view {@code /metrics} shows (same holder, same number formatting), plus
 * the chart's history. Keys follow the metric names without the {@code oce_} prefix and type suffixes. Before the run's
 * first view the body is {@code {"available":false}}.
 */
final class StatusJson {

    private StatusJson() {
    }

    static String render(RunView view, StatusHistory.Points history) {
        JsonText json = new JsonText().beginObject().key("available").value(view != null);
        if (view == null) {
            return json.endObject().toString();
        }
        json.key("run_id").value(view.runId())
            .key("elapsed_seconds").value(view.elapsedSeconds())
            .key("training_steps").value(view.steps())
            .key("training_progress_ratio").value(view.progressRatio().orElse(Double.NaN))
            .key("training_throughput_steps_per_second").value(view.stepsPerSecond())
            .key("power_watts");
        components(json, view.powerWatts());
        json.key("energy_joules");
        components(json, view.energyJoules());
        json.key("emissions_grams").value(view.emissionsGrams())
            .key("grid_intensity_grams_per_kwh").value(view.gridGramsPerKwh())
            .key("pue_ratio").value(view.pue())
            .key("estimate_total_emissions_grams").value(view.estimateEmissionsGrams().orElse(Double.NaN))
            .key("forecast");
        view.forecast().ifPresentOrElse(forecast -> forecast(json, forecast), json::nullValue);
        json.key("gpus").beginArray();
        view.gpus().forEach(gpu -> gpu(json, gpu));
        json.endArray()
            .key("history").beginObject()
            .key("elapsed_seconds").values(history.elapsedSeconds())
            .key("power_watts").values(history.powerWatts())
            .key("throughput_steps_per_second").values(history.stepsPerSecond())
            .endObject();
        return json.endObject().toString();
    }

    /** {@code total} is not a series; the page shows it and a test compares it with {@code sum(oce_power_watts)}. */
    private static void components(JsonText json, RunView.PerComponent values) {
        json.beginObject()
            .key("gpu").value(values.gpu())
            .key("cpu").value(values.cpu())
            .key("dram").value(values.dram())
            .key("total").value(values.total())
            .endObject();
    }

    private static void forecast(JsonText json, RunView.Forecast forecast) {
        json.beginObject().key("total_emissions_grams");
        bounds(json, forecast.totalEmissionsGrams());
        json.key("total_energy_joules");
        bounds(json, forecast.totalEnergyJoules());
        json.key("remaining_seconds").value(forecast.remainingSeconds()).endObject();
    }

    private static void bounds(JsonText json, RunView.Bounds bounds) {
        json.beginObject()
            .key("expected").value(bounds.expected())
            .key("lower").value(bounds.lower())
            .key("upper").value(bounds.upper())
            .endObject();
    }

    private static void gpu(JsonText json, RunView.Gpu gpu) {
        json.beginObject()
            .key("gpu").value(Integer.toString(gpu.index()))
            .key("uuid").value(gpu.uuid())
            .key("name").value(gpu.name())
            .key("power_watts").value(gpu.powerWatts())
            .key("utilization_ratio").value(gpu.utilizationRatio())
            .key("memory_used_bytes").value(gpu.memoryUsedBytes())
            .key("energy_joules").value(gpu.energyJoules())
            .endObject();
    }
}
