package org.opencarboneval.agent.cli;

import java.util.List;
import java.util.Locale;

import org.opencarboneval.agent.ledger.MeasuredRuns;
import org.opencarboneval.calibration.Calibration;
import org.opencarboneval.calibration.LeaveOneOut;
import org.opencarboneval.calibration.Method;

/** The text {@code calibrate} prints: the fitted figures, the error per run, and the overall errors of both methods. */
final class CalibrationReport {

    private CalibrationReport() {
    }

    static String text(Calibration calibration, LeaveOneOut.Report report, LeaveOneOut.Report bySource,
                       String origin) {
        StringBuilder text = new StringBuilder();
        text.append("Calibration fitted on ").append(origin).append('\n');
        text.append(String.format(Locale.ROOT, "  model %s: device time = the paper's x exp(shift); band x%.2f..x%.2f"
            + " (leave-one-out 5%%..95%%); power spread (ln) %.3f%n", calibration.model().id(),
            Math.exp(calibration.bandLnLow()), Math.exp(calibration.bandLnHigh()), calibration.sigmaLnPower()));
        text.append(String.format(Locale.ROOT, "  %-10s %6s %10s %12s %6s%n",
            "family", "runs", "time x", "power/TDP", "runs"));
        calibration.families().values().stream().sorted(java.util.Comparator.comparing(Calibration.FamilyFit::family))
            .forEach(f -> text.append(familyRow(f)));
        text.append(familyRow(calibration.global()));
        calibration.measured().values().forEach(m -> text.append(String.format(Locale.ROOT,
            "  measured %-22s %8.1f TFLOP/s %7.1f W per device over %d run(s), %.1f device-hours%n",
            m.hardwareId(), m.tflopsPerDevice(), m.wattsPerDevice(), m.runs(), m.deviceHours())));

        text.append("\nCandidates, each judged by leave-one-publication-out on all runs (device-hours; the fit takes"
            + " the lowest mean of median and mean APE):\n");
        report.candidates().forEach((model, summary) -> text.append(String.format(Locale.ROOT,
            "  %-8s n=%-3d median APE %6.1f%%   mean APE %6.1f%%%n", model.id(), summary.count(),
            summary.medianApe(), summary.meanApe())));
        text.append("  chosen inside the folds below: ").append(report.choices().entrySet().stream()
            .map(e -> e.getKey().id() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")))
            .append('\n');

        text.append("\nLeave-one-out: each physical run predicted by a calibration fitted without it\n");
        text.append(String.format(Locale.ROOT, "  %-44s %-8s %12s %8s %8s %10s %8s %8s%n", "run", "family",
            "device-h", "calib", "paper", "MWh", "calib", "paper"));
        for (LeaveOneOut.RowError row : report.rows()) {
            text.append(String.format(Locale.ROOT, "  %-44s %-8s %12s %8s %8s %10s %8s %8s%n",
                shorten(row.run().model(), 44), row.family(), number(row.deviceHours()),
                percent(row.calibratedDeviceHoursError()), percent(row.paperDeviceHoursError()),
                number(row.energyMwh()), percent(row.calibratedEnergyError()), percent(row.paperEnergyError())));
        }
        for (String skipped : report.skipped()) {
            text.append("  skipped: ").append(skipped).append('\n');
        }
        text.append("\nOverall (absolute percentage error of the left-out predictions; band: share of runs whose"
            + " band held the truth):\n");
        for (Method method : Method.values()) {
            text.append(summaryLine("device-hours", report.deviceHours(method), method));
        }
        for (Method method : Method.values()) {
            text.append(summaryLine("energy", report.energy(method), method));
        }
        text.append("Leaving out every run of the left-out run's publication (runs of publications not seen):\n");
        for (Method method : Method.values()) {
            text.append(summaryLine("device-hours", bySource.deviceHours(method), method));
        }
        for (Method method : Method.values()) {
            text.append(summaryLine("energy", bySource.energy(method), method));
        }
        return text.toString();
    }

    /** The runs {@code calibrate --ledgers} read, one line each. */
    static String measured(List<MeasuredRuns.MeasuredRun> runs) {
        StringBuilder text = new StringBuilder("\nYour runs (device time = the GPU time charged to each process, GPUs"
            + " = its mean over the run; compute = total.flops x the share of steps done):\n");
        text.append(String.format(Locale.ROOT, "  %-24s %-16s %5s %12s %10s %10s%n", "run", "hardware", "GPUs",
            "device-h", "TFLOP/s/dev", "W/dev"));
        for (MeasuredRuns.MeasuredRun run : runs) {
            text.append(String.format(Locale.ROOT, "  %-24s %-16s %5.1f %12.3f %10.2f %10.1f%n",
                shorten(run.runId(), 24), run.hardware().id(), run.devices(), run.deviceSeconds() / 3600,
                run.tflopsPerDevice(), run.wattsPerDevice()));
        }
        return text.toString();
    }

    private static String summaryLine(String what, LeaveOneOut.Summary summary, Method method) {
        return String.format(Locale.ROOT, "  %-12s %-10s n=%-3d median APE %6.1f%%   mean APE %6.1f%%   band held %s%n",
            what, method.id(), summary.count(), summary.medianApe(), summary.meanApe(),
            Double.isNaN(summary.coverage()) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * summary.coverage()));
    }

    private static String familyRow(Calibration.FamilyFit fit) {
        return String.format(Locale.ROOT, "  %-10s %6d %10.3f %12.2f %6d%n", fit.family(), fit.throughputRuns(),
            Math.exp(fit.lnTimeShift()), Math.exp(fit.lnPowerRatio()), fit.powerRuns());
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String percent(double error) {
        return Double.isNaN(error) ? "-" : String.format(Locale.ROOT, "%+.0f%%", 100 * error);
    }

    private static String shorten(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
