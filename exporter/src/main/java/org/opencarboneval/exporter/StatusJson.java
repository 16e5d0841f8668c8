package org.opencarboneval.exporter;

/**
 * The body of {@code /status.json}: the same view {@code /metrics} shows (same holder, numbers that parse to the same
 * doubles), plus the chart's history. Keys follow the metric names without the {@code oce_} prefix and type suffixes.
 * Before the run's first view the body is {@code {"available":false}}.
 */
final class StatusJson {

    private StatusJson() {
    }

    static String render(RunView view, StatusHistory.Points history) {
        JsonWriter json = new JsonWriter().beginObject().name("available").value(view != null);
        if (view == null) {
            return json.endObject().toString();
        }
        json.name("run_id").value(view.runId())
            .name("rank").value(view.info().rank())
            .name("world_size").value(view.info().worldSize())
            .name("elapsed_seconds").value(view.elapsedSeconds())
            .name("training_steps").value(view.steps())
            .name("training_progress_ratio").value(view.progressRatio().orElse(Double.NaN))
            .name("training_throughput_steps_per_second").value(view.stepsPerSecond())
            .name("power_watts");
        components(json, view.powerWatts());
        json.name("energy_joules");
        components(json, view.energyJoules());
        json.name("emissions_grams").value(view.emissionsGrams())
            .name("grid_intensity_grams_per_kwh").value(view.gridGramsPerKwh())
            .name("pue_ratio").value(view.pue())
            .name("grid_intensity_source").value(view.grid().intensitySource())
            .name("advice_greenest_start");
        view.grid().greenerStart().ifPresentOrElse(g -> json.beginObject()
            .name("delay_seconds").value(g.delaySeconds())
            .name("remaining_emissions_grams").value(g.remainingGrams())
            .endObject(), json::nullValue);
        json.name("budget_emissions_grams").value(view.grid().budgetGrams().orElse(Double.NaN))
            .name("budget_energy_joules").value(view.grid().budgetJoules().orElse(Double.NaN))
            .name("estimate_total_emissions_grams").value(view.estimateEmissionsGrams().orElse(Double.NaN))
            .name("forecast");
        view.forecast().ifPresentOrElse(forecast -> forecast(json, forecast), json::nullValue);
        json.name("gpus").beginArray();
        view.gpus().forEach(gpu -> gpu(json, gpu));
        json.endArray()
            .name("history").beginObject()
            .name("elapsed_seconds");
        numbers(json, history.elapsedSeconds());
        json.name("power_watts");
        numbers(json, history.powerWatts());
        json.name("throughput_steps_per_second");
        numbers(json, history.stepsPerSecond());
        json.endObject();
        return json.endObject().toString();
    }

    private static void numbers(JsonWriter json, double[] values) {
        json.beginArray();
        for (double value : values) {
            json.value(value);
        }
        json.endArray();
    }

    /** {@code total} is not a series; the page shows it and a test compares it with {@code sum(oce_power_watts)}. */
    private static void components(JsonWriter json, RunView.PerComponent values) {
        json.beginObject()
            .name("gpu").value(values.gpu())
            .name("cpu").value(values.cpu())
            .name("dram").value(values.dram())
            .name("total").value(values.total())
            .endObject();
    }

    private static void forecast(JsonWriter json, RunView.Forecast forecast) {
        json.beginObject().name("total_emissions_grams");
        bounds(json, forecast.totalEmissionsGrams());
        json.name("total_energy_joules");
        bounds(json, forecast.totalEnergyJoules());
        json.name("remaining_seconds").value(forecast.remainingSeconds()).endObject();
    }

    private static void bounds(JsonWriter json, RunView.Bounds bounds) {
        json.beginObject()
            .name("expected").value(bounds.expected())
            .name("lower").value(bounds.lower())
            .name("upper").value(bounds.upper())
            .endObject();
    }

    private static void gpu(JsonWriter json, RunView.Gpu gpu) {
        json.beginObject()
            .name("gpu").value(Integer.toString(gpu.index()))
            .name("uuid").value(gpu.uuid())
            .name("name").value(gpu.name())
            .name("power_watts").value(gpu.powerWatts())
            .name("utilization_ratio").value(gpu.utilizationRatio())
            .name("memory_used_bytes").value(gpu.memoryUsedBytes())
            .name("energy_joules").value(gpu.energyJoules())
            .endObject();
    }
}
