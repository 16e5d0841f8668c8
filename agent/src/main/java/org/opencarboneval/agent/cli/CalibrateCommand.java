package org.opencarboneval.agent.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.opencarboneval.agent.ledger.MeasuredRuns;
import org.opencarboneval.calibration.Calibration;
import org.opencarboneval.calibration.CalibrationFitter;
import org.opencarboneval.calibration.CsvTable;
import org.opencarboneval.calibration.HardwareCatalogue;
import org.opencarboneval.calibration.LeaveOneOut;
import org.opencarboneval.calibration.PublishedRun;

/** {@code calibrate}: fit throughput and power per hardware family on published runs, with leave-one-out errors. */
final class CalibrateCommand implements Command {

    @Override
    public String name() {
        return "calibrate";
    }

    @Override
    public String summary() {
        return "fit the device-time correction on published runs (or throughput and power on your ledgers);"
            + " print leave-one-out errors";
    }

    @Override
    public String positionals() {
        return "[--ledgers <ledger>...]";
    }

    @Override
    public List<Option> options() {
        return List.of(
            Option.value("runs", "FILE.csv", "published runs (columns as in published_runs.csv); default: the bundled curated set"),
            Option.flag("ledgers", "the positionals are your own runs' ledgers (with total.flops): their measured "
                + "throughput and GPU power per device replace the fit for their hardware"),
            Option.value("out", "FILE", "write the calibration here, for 'estimate --calibration FILE'"));
    }

    @Override
    public int run(CommandArguments args, Console console) throws UsageException {
        Optional<String> file = args.text("runs");
        List<PublishedRun> runs = file.isPresent() ? read(file.get()) : PublishedRun.bundled();
        String origin = file.orElse("the bundled published_runs.csv");
        HardwareCatalogue catalogue = HardwareCatalogue.bundled();
        List<MeasuredRuns.MeasuredRun> measured = measured(args, catalogue);
        Calibration calibration = new CalibrationFitter(catalogue).fit(runs)
            .withMeasured(MeasuredRuns.byHardware(measured));
        LeaveOneOut leaveOneOut = new LeaveOneOut(catalogue);
        console.out().print(CalibrationReport.text(calibration, leaveOneOut.evaluate(runs),
            leaveOneOut.evaluateBySource(runs), origin));
        if (!measured.isEmpty()) {
            console.out().print(CalibrationReport.measured(measured));
        }
        Optional<String> out = args.text("out");
        if (out.isPresent()) {
            write(calibration, Path.of(out.get()), origin + (measured.isEmpty() ? ""
                : String.format(Locale.ROOT, " and %d run(s) of your ledgers", measured.size())), runs.size());
            console.out().println("calibration written to " + out.get());
        }
        return 0;
    }

    private static List<MeasuredRuns.MeasuredRun> measured(CommandArguments args, HardwareCatalogue catalogue)
            throws UsageException {
        if (!args.flag("ledgers")) {
            if (!args.positionals().isEmpty()) {
                throw new UsageException("unexpected argument '" + args.positionals().get(0)
                    + "'; ledgers are given after --ledgers, e.g. calibrate --ledgers runs/*.jsonl");
            }
            return List.of();
        }
        if (args.positionals().isEmpty()) {
            throw new UsageException("--ledgers takes one or more ledger files, e.g. calibrate --ledgers runs/*.jsonl");
        }
        try {
            return MeasuredRuns.read(args.positionals().stream().map(Path::of).toList(), catalogue);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("--ledgers: " + e.getMessage());
        }
    }

    private static List<PublishedRun> read(String file) throws UsageException {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new UsageException("--runs: cannot read '" + file + "'");
        }
        try {
            return PublishedRun.readAll(CsvTable.read(path));
        } catch (RuntimeException e) {
            throw new UsageException("--runs: " + e.getMessage());
        }
    }

    private static void write(Calibration calibration, Path out, String origin, int rows) throws UsageException {
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            calibration.write(writer, String.format(Locale.ROOT,
                "OpenCarbonEval calibration fitted by 'calibrate' on %d rows of %s", rows, origin));
        } catch (IOException e) {
            throw new UsageException("--out: cannot write '" + out + "': " + e.getMessage());
        }
    }
}
