package org.opencarboneval.agent.cli;

import java.util.List;
import java.util.Locale;

import org.opencarboneval.agent.ledger.JobRun;
import org.opencarboneval.agent.ledger.LedgerRun;
import org.opencarboneval.agent.runtime.Components;
import org.opencarboneval.calibration.forecast.Backtest;
import org.opencarboneval.exporter.JsonWriter;

/** How {@code report} prints a job of several ranks: its totals, each rank's part, and the job's replay. */
final class JobReport {

    private JobReport() {
    }

    static String table(JobRun job, List<Backtest.Checkpoint> checkpoints) {
        Components energy = job.energyJoules();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT,
            "job %s: %d ranks, %d steps, %d samples, final energy %.4f kWh (gpu %.4f, cpu %.4f, dram %.4f), "
                + "CO2e %.2f g%n", String.join(" + ", job.runIds()), job.ranks().size(), job.steps(),
            job.sampleCount(), energy.total() / 3.6e6, energy.gpu() / 3.6e6, energy.cpu() / 3.6e6,
            energy.dram() / 3.6e6, job.co2eGrams()));
        for (LedgerRun rank : job.ranks()) {
            header.append(String.format(Locale.ROOT, "  %-8s %d steps, %.4f kWh, CO2e %.2f g  (%s%s)%n",
                rank.rank().rank().isPresent() ? "rank " + rank.rank().rankLabel() : "rank ?", rank.last().steps(),
                rank.last().energyJoules().total() / 3.6e6, rank.last().co2eGrams(), rank.ledger(),
                job.runIds().size() > 1 ? ", run " + rank.runId() : ""));
        }
        return BacktestReport.table(header.toString(), checkpoints, gramsPerJoule(job));
    }

    static String json(JobRun job, List<Backtest.Checkpoint> checkpoints) {
        JsonWriter json = new JsonWriter().beginObject();
        if (job.runIds().size() == 1) {
            json.field("run_id", job.runIds().iterator().next());
        } else {
            json.name("run_ids").beginArray();
            job.runIds().forEach(json::value);
            json.endArray();
        }
        json.field("steps", job.steps());
        energy(json, job.energyJoules());
        json.field("final_energy_j", job.energyJoules().total())
            .field("final_co2e_g", job.co2eGrams())
            .name("ranks").beginArray();
        for (LedgerRun rank : job.ranks()) {
            json.beginObject().field("ledger", rank.ledger().toString()).field("run_id", rank.runId());
            json.name("rank");
            if (rank.rank().rank().isPresent()) {
                json.value(rank.rank().rank().getAsInt());
            } else {
                json.nullValue();
            }
            json.field("steps", rank.last().steps()).field("samples", rank.sampleCount());
            energy(json, rank.last().energyJoules());
            json.field("co2e_g", rank.last().co2eGrams()).endObject();
        }
        json.endArray();
        return BacktestReport.checkpoints(json, checkpoints, gramsPerJoule(job)).endObject().toString();
    }

    private static void energy(JsonWriter json, Components energy) {
        json.name("energy_j").beginObject().field("gpu", energy.gpu()).field("cpu", energy.cpu())
            .field("dram", energy.dram()).endObject();
    }

    private static double gramsPerJoule(JobRun job) {
        return BacktestReport.gramsPerJoule(job.energyJoules().total(), job.co2eGrams());
    }
}
