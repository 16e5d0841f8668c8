package org.opencarboneval.agent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.opencarboneval.calibration.CalibratedEstimator;
import org.opencarboneval.calibration.Calibration;
import org.opencarboneval.calibration.Estimate;
import org.opencarboneval.calibration.EstimateRequest;
import org.opencarboneval.calibration.GridIntensities;
import org.opencarboneval.calibration.GridIntensity;
import org.opencarboneval.calibration.Hardware;
import org.opencarboneval.calibration.HardwareCatalogue;
import org.opencarboneval.calibration.Method;
import org.opencarboneval.calibration.PaperEstimator;
import org.opencarboneval.calibration.Pue;
import org.opencarboneval.calibration.PueTable;
import org.opencarboneval.calibration.UnknownNameException;

/** {@code estimate}: a training run's energy and CO2e before it starts. */
final class EstimateCommand implements Command {

    @Override
    public String name() {
        return "estimate";
    }

    @Override
    public String summary() {
        return "estimate a training run's device time, energy and CO2e before it starts";
    }

    @Override
    public List<Option> options() {
        return List.of(
            Option.value("hardware", "NAME", "accelerator, e.g. \"NVIDIA H100 SXM5\", A100, a100-80gb, \"TPU v4\" (required)"),
            Option.value("flops", "FLOP", "total training compute, e.g. 6.3e24"),
            Option.value("params", "N", "model parameters; with --tokens the compute is 6 x N x D"),
            Option.value("tokens", "D", "training tokens (with --params)"),
            Option.value("device-hours", "H", "measured device-hours; with the compute it also gives the alpha achieved"),
            Option.value("devices", "N", "devices in parallel, for the wall-clock time"),
            Option.value("method", "paper|calibrated", "paper: the OpenCarbonEval paper exactly; calibrated (default): fitted on measured runs"),
            Option.value("ci", "KG_PER_KWH", "grid carbon intensity; default: the region's"),
            Option.value("region", "CODE", "country (DE, \"United States\"), cloud region (aws:us-east-1, gcp:europe-west4) or WORLD (default)"),
            Option.value("pue", "RATIO", "datacenter PUE (calibrated only); default: the region's provider, else the unknown-datacenter figure"),
            Option.value("calibration", "FILE", "a calibration written by 'calibrate --out' (default: the bundled one)"),
            Option.flag("json", "print one JSON object"));
    }

    @Override
    public int run(CommandArguments args, Console console) throws UsageException {
        Method method = method(args);
        Hardware hardware = hardware(args);
        EstimateRequest request = new EstimateRequest(hardware, flops(args), deviceHours(args), devices(args),
            pue(args, method, region(args)), grid(args));
        Estimate estimate = method == Method.PAPER
            ? new PaperEstimator().estimate(request)
            : new CalibratedEstimator(calibration(args)).estimate(request);
        console.out().println(args.flag("json") ? EstimateReport.json(estimate) : EstimateReport.table(estimate));
        return 0;
    }

    private static Method method(CommandArguments args) throws UsageException {
        String text = args.text("method").orElse("calibrated").strip().toLowerCase(Locale.ROOT);
        for (Method method : Method.values()) {
            if (method.id().equals(text)) {
                return method;
            }
        }
        throw new UsageException("--method: '" + text + "' is not a method; expected paper or calibrated");
    }

    private static Hardware hardware(CommandArguments args) throws UsageException {
        String name = args.text("hardware")
            .orElseThrow(() -> new UsageException("--hardware is required, e.g. --hardware \"NVIDIA A100 SXM4 80 GB\""));
        try {
            return HardwareCatalogue.bundled().resolve(name);
        } catch (UnknownNameException e) {
            throw new UsageException("--hardware: " + e.getMessage());
        }
    }

    /** The work as FLOP: given, or 6 x parameters x tokens (the usual dense-transformer count). */
    private static OptionalDouble flops(CommandArguments args) throws UsageException {
        Optional<Double> flops = args.positiveNumber("flops");
        Optional<Double> params = args.positiveNumber("params");
        Optional<Double> tokens = args.positiveNumber("tokens");
        boolean hours = args.positiveNumber("device-hours").isPresent();
        if (flops.isEmpty() && tokens.isEmpty() && !hours) {
            throw new UsageException("give the work as --flops, as --params with --tokens, or as --device-hours");
        }
        if (flops.isPresent() && tokens.isPresent()) {
            throw new UsageException("give the compute one way only: --flops, or --params with --tokens");
        }
        if (tokens.isPresent() != params.isPresent()) {
            throw new UsageException(tokens.isPresent() ? "--tokens needs --params (the compute is 6 x params x tokens)"
                : "--params needs --tokens (the compute is 6 x params x tokens)");
        }
        if (tokens.isPresent()) {
            return OptionalDouble.of(6 * params.get() * tokens.get());
        }
        return optional(flops);
    }

    private static OptionalDouble deviceHours(CommandArguments args) throws UsageException {
        return optional(args.positiveNumber("device-hours"));
    }

    private static OptionalInt devices(CommandArguments args) throws UsageException {
        Optional<Integer> devices = args.positiveInteger("devices");
        return devices.isPresent() ? OptionalInt.of(devices.get()) : OptionalInt.empty();
    }

    private static Optional<GridIntensity> region(CommandArguments args) throws UsageException {
        Optional<String> region = args.text("region");
        if (region.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(GridIntensities.bundled().resolve(region.get()));
        } catch (UnknownNameException e) {
            throw new UsageException("--region: " + e.getMessage());
        }
    }

    private static GridIntensity grid(CommandArguments args) throws UsageException {
        Optional<Double> ci = args.nonNegativeNumber("ci");
        GridIntensity region = region(args).orElse(GridIntensities.bundled().world());
        if (ci.isEmpty()) {
            return region;
        }
        return new GridIntensity(region.code(), region.name(), region.aliases(), region.kind(), ci.get(), 0,
            "given by --ci");
    }

    private static Pue pue(CommandArguments args, Method method, Optional<GridIntensity> region)
            throws UsageException {
        if (method == Method.PAPER) {
            // An inherited oce.pue / OCE_PUE is meant for the agent; only a typed --pue contradicts the method.
            if (args.typed("pue")) {
                throw new UsageException("--pue: the paper method applies no PUE; use --method calibrated to include one");
            }
            return new Pue("none", 1.0, 0, "the paper applies no PUE");
        }
        Optional<Double> pue = args.positiveNumber("pue");
        if (pue.isPresent()) {
            if (pue.get() < 1) {
                throw new UsageException("--pue: '" + pue.get() + "' is below 1; a PUE is facility energy over IT energy, at least 1.0");
            }
            return new Pue("given", pue.get(), 0, "given by --pue");
        }
        return region.map(PueTable.bundled()::forRegion).orElse(PueTable.bundled().unknownDatacenter());
    }

    private static Calibration calibration(CommandArguments args) throws UsageException {
        Optional<String> file = args.text("calibration");
        if (file.isEmpty()) {
            return Calibration.bundled();
        }
        try {
            return Calibration.read(Path.of(file.get()));
        } catch (RuntimeException e) {
            throw new UsageException("--calibration: " + e.getMessage());
        }
    }

    private static OptionalDouble optional(Optional<Double> value) {
        return value.isPresent() ? OptionalDouble.of(value.get()) : OptionalDouble.empty();
    }
}
