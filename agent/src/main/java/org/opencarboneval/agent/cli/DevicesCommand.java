package org.opencarboneval.agent.cli;

import java.util.List;
import java.util.Optional;

import org.opencarboneval.host.HostOptions;
import org.opencarboneval.host.HostPowerSampler;
import org.opencarboneval.host.HostReading;
import org.opencarboneval.nvml.GpuReading;
import org.opencarboneval.nvml.GpuSampler;
import org.opencarboneval.nvml.NvmlOptions;

/**
 * {@code devices}: the GPUs and host power sensors this machine offers, with one reading of each; with
 * {@code --watch} a reading every second and a final energy summary (what {@code scripts/gpu-check.sh} compares
 * with nvidia-smi). No GPU is a normal outcome: exit 0.
 */
final class DevicesCommand implements Command {

    /** Waits between samples; tests pass one that returns at once. */
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    private static final long SAMPLE_MILLIS = 1000;

    private final Pause pause;

    DevicesCommand() {
        this(Thread::sleep);
    }

    DevicesCommand(Pause pause) {
        this.pause = pause;
    }

    @Override
    public String name() {
        return "devices";
    }

    @Override
    public String summary() {
        return "list the GPUs and host power sensors found, with one reading of each";
    }

    @Override
    public List<Option> options() {
        return List.of(
            Option.flag("json", "print a JSON array: the GPUs, then the host's cpu and dram sensors"),
            Option.value("nvml.library", "PATH", "libnvidia-ml.so.1 to use instead of the system's"),
            Option.value("watch", "SECONDS", "sample every second for SECONDS, one JSON line each, then a JSON summary"));
    }

    @Override
    public int run(CommandArguments args, Console console) throws UsageException {
        boolean json = args.flag("json");
        Optional<Integer> watch = args.positiveInteger("watch");
        NvmlOptions nvml = NvmlOptions.defaults().withLibraryPath(args.text("nvml.library"));
        // the command shows the whole host, not one process's share of it
        HostOptions host = new HostOptions(HostOptions.DEFAULT_POWERCAP_ROOT, Optional.empty(), false);
        try (GpuSampler gpus = GpuSampler.open(nvml); HostPowerSampler sensors = HostPowerSampler.open(host)) {
            if (watch.isPresent()) {
                watch(gpus, sensors, watch.get(), console);
                return 0;
            }
            // one interval, so that loads and energies mean something
            sleep(SAMPLE_MILLIS);
            List<GpuReading> gpuReadings = gpus.sample();
            HostReading hostReading = sensors.sample();
            if (json) {
                console.out().println(DevicesReport.json(gpuReadings, hostReading));
                console.err().println("gpu: " + gpus.status());
                console.err().println("host: " + sensors.status());
            } else {
                console.out().print(DevicesReport.table(gpuReadings, gpus.status(), hostReading, sensors.status()));
            }
            return 0;
        }
    }

    private void watch(GpuSampler gpus, HostPowerSampler sensors, int seconds, Console console) {
        console.err().println("gpu: " + gpus.status());
        console.err().println("host: " + sensors.status());
        // the window opens with a reading of its own: energies and times all count from it
        long startMillis = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        DevicesReport.Baseline start = DevicesReport.Baseline.of(gpus.sample(), sensors.sample());
        double elapsed = 0;
        List<GpuReading> gpuReadings = List.of();
        HostReading hostReading = null;
        for (int second = 1; second <= seconds; second++) {
            sleep(SAMPLE_MILLIS);
            elapsed = (System.nanoTime() - startNanos) / 1e9;
            gpuReadings = gpus.sample();
            hostReading = sensors.sample();
            console.out().println(DevicesReport.sampleLine(elapsed, gpuReadings, hostReading, start));
        }
        console.out().println(DevicesReport.summaryLine(elapsed, startMillis, startMillis + Math.round(elapsed * 1000),
            start, gpuReadings, hostReading, gpus.status()));
    }

    private void sleep(long millis) {
        try {
            pause.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
