package org.opencarboneval.agent.cli;

import java.util.Locale;

import org.opencarboneval.calibration.Calibration;
import org.opencarboneval.calibration.LeaveOneOut;
import org.opencarboneval.calibration.Method;

/** The text {@code calibrate} prints: the fitted figures, the error per run, and the overall errors of both methods. */
final class CalibrationReport {

    private CalibrationReport() {
    }

    static String text(Calibration calibration, LeaveOneOut.Report report, String origin) {
        StringBuilder text = new StringBuilder();
        text.append("Calibration fitted on ").append(origin).append('\n');
        text.append(String.format(Locale.ROOT, "  compute slope d ln(throughput)/d ln(FLOP) = %.3f; spread (ln) throughput %.3f, power %.3f%n",
            calibration.computeSlope(), calibration.sigmaLnThroughput(), calibration.sigmaLnPower()));
        text.append(String.format(Locale.ROOT, "  %-10s %6s %10s %12s %6s%n",
            "family", "runs", "%peak@1e23", "power/TDP", "runs"));
        calibration.families().values().stream().sorted(java.util.Comparator.comparing(Calibration.FamilyFit::family))
            .forEach(f -> text.append(familyRow(f)));
        text.append(familyRow(calibration.global()));

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
        text.append("\nOverall (absolute percentage error of the left-out predictions):\n");
        for (Method method : Method.values()) {
            text.append(summaryLine("device-hours", report.deviceHours(method), method));
        }
        for (Method method : Method.values()) {
            text.append(summaryLine("energy", report.energy(method), method));
        }
        return text.toString();
    }

    private static String summaryLine(String what, LeaveOneOut.Summary summary, Method method) {
        return String.format(Locale.ROOT, "  %-12s %-10s n=%-3d median APE %6.1f%%   mean APE %6.1f%%%n",
            what, method.id(), summary.count(), summary.medianApe(), summary.meanApe());
    }

    private static String familyRow(Calibration.FamilyFit fit) {
        return String.format(Locale.ROOT, "  %-10s %6d %9.1f%% %12.2f %6d%n", fit.family(), fit.throughputRuns(),
            100 * Math.exp(fit.lnEfficiency()), Math.exp(fit.lnPowerRatio()), fit.powerRuns());
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
