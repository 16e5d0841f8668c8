package org.opencarboneval.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * One published training run (a row of {@code published_runs.csv}). Missing figures are NaN: published tables give
 * what they give.
 *
 * @param avgPowerWatts measured average power per device (system power per accelerator where the source says so)
 * @param energyMwh     energy as published, PUE included where the source applied one
 * @param energyMeasured whether the published energy was measured (or derived from measured power) rather than
 *                       computed as device-hours x TDP: from the {@code energy_measured} column where the file has
 *                       one, else read from the figures and the basis text
 */
public record PublishedRun(int line, String model, double parameters, double flops, String hardware,
                           double deviceHours, double avgPowerWatts, double pue, double ciKgPerKwh, double energyMwh,
                           boolean energyMeasured, String source) {

    /** "measured", but not "not measured" or "unmeasured". */
    private static final java.util.regex.Pattern MEASURED =
        java.util.regex.Pattern.compile("(?<!un)(?<!not )\\bmeasured\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** The curated runs shipped with the project, from which the bundled calibration is fitted. */
    public static List<PublishedRun> bundled() {
        return readAll(CsvTable.resource("published_runs.csv"));
    }

    public static List<PublishedRun> readAll(CsvTable table) {
        table.requireColumns("model", "params", "training_flops", "hardware", "device_hours", "avg_power_w", "pue",
            "ci_kg_per_kwh", "energy_mwh", "tco2e_kind", "source");
        List<PublishedRun> runs = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            double avgPower = row.lenientNumber("avg_power_w");
            String flag = row.text("energy_measured");
            boolean measured = flag.isEmpty()
                ? positive(avgPower) || MEASURED.matcher(row.text("tco2e_kind")).find()
                : Boolean.parseBoolean(flag);
            runs.add(new PublishedRun(row.line(), row.requiredText("model"), row.lenientNumber("params"),
                row.lenientNumber("training_flops"), row.text("hardware"), row.lenientNumber("device_hours"),
                avgPower, row.lenientNumber("pue"), row.lenientNumber("ci_kg_per_kwh"),
                row.lenientNumber("energy_mwh"), measured, row.text("source")));
        }
        return runs;
    }

    /** Both compute and device time are published: the run tells the throughput the hardware achieved. */
    public boolean hasThroughput() {
        return positive(flops) && positive(deviceHours);
    }

    /** Mean TFLOP/s per device over the run. */
    public double meanTflops() {
        return flops / 1e12 / (deviceHours * 3600);
    }

    /** Average power per device was measured (not TDP x hours). */
    public boolean hasMeasuredPower() {
        return positive(avgPowerWatts);
    }

    /**
     * The published energy was measured or derived from measured power. TDP-based figures (GPU-hours x TDP, as Meta
     * and BLOOM publish) only restate the device-hours and are not energy truth.
     */
    public boolean hasMeasuredEnergy() {
        return positive(energyMwh) && energyMeasured;
    }

    private static boolean positive(double value) {
        return value > 0 && Double.isFinite(value);
    }
}
