package org.opencarboneval.agent.cli;

import java.util.Locale;

import org.opencarboneval.calibration.Estimate;
import org.opencarboneval.calibration.EstimateRequest;
import org.opencarboneval.calibration.Range;
import org.opencarboneval.exporter.JsonWriter;

/** How {@code estimate} prints an {@link Estimate}: a JSON object or a readable table. */
final class EstimateReport {

    private EstimateReport() {
    }

    static String json(Estimate estimate) {
        EstimateRequest request = estimate.request();
        JsonWriter json = new JsonWriter().beginObject()
            .field("method", estimate.method().id())
            .field("hardware", request.hardware().name())
            .field("hardware_family", request.hardware().family())
            .field("flops", request.flops().orElse(Double.NaN));
        range(json, "device_seconds", estimate.deviceSeconds());
        json.field("device_hours", estimate.deviceSeconds().expected() / 3600)
            .field("wall_seconds", estimate.wallSeconds().orElse(Double.NaN))
            .field("log10_alpha_low", estimate.log10Alpha().low())
            .field("log10_alpha_high", estimate.log10Alpha().high())
            .field("power_w", estimate.watts())
            .field("pue", request.pue().value())
            .field("pue_source", request.pue().source())
            .field("ci_kg_per_kwh", request.grid().kgPerKwh())
            .field("region", request.grid().code())
            .field("ci_source", request.grid().source());
        range(json, "energy_kwh", estimate.energyKwh());
        range(json, "emissions_kg", estimate.emissionsKg());
        range(json, "embodied_kg", estimate.embodiedKg());
        json.field("total_kg", estimate.emissionsKg().expected() + estimate.embodiedKg().expected());
        return json.endObject().toString();
    }

    private static void range(JsonWriter json, String name, Range range) {
        json.field(name, range.expected()).field(name + "_low", range.low()).field(name + "_high", range.high());
    }

    static String table(Estimate estimate) {
        EstimateRequest request = estimate.request();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s estimate for %s%n", estimate.method().id(), request.hardware().name()));
        if (request.flops().isPresent()) {
            text.append(row("compute", String.format(Locale.ROOT, "%.3g FLOP", request.flops().getAsDouble())));
        }
        if (!Double.isNaN(estimate.log10Alpha().expected())) {
            text.append(row("log10(alpha)", String.format(Locale.ROOT, "%.2f .. %.2f",
                estimate.log10Alpha().low(), estimate.log10Alpha().high())));
        }
        text.append(row("device time", band(estimate.deviceSeconds().times(1 / 3600.0), "%,.0f", "device-hours")));
        estimate.wallSeconds().ifPresent(s -> text.append(row("wall-clock",
            String.format(Locale.ROOT, "%.1f days on %d devices", s / 86400, request.devices().getAsInt()))));
        text.append(row("power per device", String.format(Locale.ROOT, "%.0f W", estimate.watts())));
        text.append(row("PUE", String.format(Locale.ROOT, "%.2f (%s)", request.pue().value(), request.pue().source())));
        text.append(row("grid intensity", String.format(Locale.ROOT, "%.3f kgCO2e/kWh (%s, %s)",
            request.grid().kgPerKwh(), request.grid().code(), request.grid().source())));
        text.append(row("energy", band(estimate.energyKwh().times(1 / 1000.0), "%,.1f", "MWh")));
        text.append(row("operational CO2e", band(estimate.emissionsKg().times(1 / 1000.0), "%,.2f", "t")));
        text.append(row("embodied CO2e", band(estimate.embodiedKg().times(1 / 1000.0), "%,.2f", "t")));
        return text.toString().stripTrailing();
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "  %-18s %s%n", label, value);
    }

    private static String band(Range range, String format, String unit) {
        String expected = String.format(Locale.ROOT, format, range.expected());
        if (range.low() == range.high()) {
            return expected + " " + unit;
        }
        return String.format(Locale.ROOT, "%s %s  (%s .. %s)", expected, unit,
            String.format(Locale.ROOT, format, range.low()), String.format(Locale.ROOT, format, range.high()));
    }
}
