package org.opencarboneval.exporter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;

/**
 * Every series of DESIGN section 5: the run's meters, registered on its first view, and those that come and go with
 * the run (progress while the total is known, the forecast, the estimate, each GPU).
 */
final class RunMeters {

    private final MeterRegistry registry;
    private final MeterFactory meters;
    private final MeterGroup progress;
    private final MeterGroup forecast;
    private final MeterGroup estimate;
    private final CarbonMeters carbon;
    private final Map<Integer, MeterGroup> gpus = new HashMap<>();
    private final Set<String> errorKinds = new HashSet<>();

    RunMeters(PrometheusMeterRegistry registry, LatestView latest, RunView first) {
        this.registry = registry;
        this.meters = new MeterFactory(registry, latest, first.runId());
        registerInfo(registry, first);
        registerAlwaysPresent();
        progress = new MeterGroup(registry, () -> List.of(meters.gauge("oce.training.progress", "ratio",
            "Steps done divided by the run's total steps (absent while the total is unknown).", Tags.empty(),
            v -> v.progressRatio().orElse(Double.NaN))));
        forecast = new MeterGroup(registry, this::registerForecast);
        estimate = new MeterGroup(registry, () -> List.of(meters.gauge("oce.estimate.total.emissions", "grams",
            "A-priori estimate of the run's total CO2e from model size, data size and hardware (OpenCarbonEval).",
            Tags.empty(), v -> v.estimateEmissionsGrams().orElse(Double.NaN))));
        carbon = new CarbonMeters(registry, meters);
    }

    /** Brings the set of series in line with what this view has. */
    void show(RunView view) {
        progress.show(view.progressRatio().isPresent());
        forecast.show(view.forecast().isPresent());
        estimate.show(view.estimateEmissionsGrams().isPresent());
        carbon.show(view);
        showGpus(view);
        showErrorKinds(view);
    }

    /** One counter per kind of failure, from the first view that names it (the agent names all, at zero, at once). */
    private void showErrorKinds(RunView view) {
        for (String kind : view.errorCounts().keySet()) {
            if (errorKinds.add(kind)) {
                meters.counter("oce.agent.errors", null, "Failures the agent survived (sensor reads, ledger writes, "
                    + "forecasts, sampling ticks), by kind.", Tags.of("kind", kind),
                    v -> v.errorCounts().getOrDefault(kind, 0L));
            }
        }
    }

    /**
     * Micrometer strips a trailing {@code _info} from names, so the info series is the Prometheus client's own Info
     * metric, in the same registry: {@code oce_agent_info}, typed {@code info} in OpenMetrics. Its labels are constant.
     */
    private static void registerInfo(PrometheusMeterRegistry registry, RunView first) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("run_id", first.runId());
        labels.put("version", first.info().version());
        labels.put("hardware", first.info().hardware());
        labels.put("region", first.info().region());
        labels.put("pue", Double.toString(first.pue()));
        labels.put("intensity_source", first.info().intensitySource());
        // a rank of a distributed job says which; a process on its own gets no empty labels
        if (!first.info().rank().isEmpty()) {
            labels.put("rank", first.info().rank());
        }
        if (!first.info().worldSize().isEmpty()) {
            labels.put("world_size", first.info().worldSize());
        }
        Info.builder()
            .name("oce_agent")
            .help("The agent and the run's carbon settings; the value is always 1.")
            .labelNames(labels.keySet().toArray(String[]::new))
            .register(registry.getPrometheusRegistry())
            .setLabelValues(labels.values().toArray(String[]::new));
    }

    private void registerAlwaysPresent() {
        meters.counter("oce.training.steps", null,
            "Training steps done in this run, those redone after a restore from a checkpoint included.", Tags.empty(),
            RunView::steps);
        meters.gauge("oce.training.throughput", "steps_per_second", "Recent training throughput.", Tags.empty(),
            RunView::stepsPerSecond);
        for (Component component : Component.values()) {
            Tags tags = Tags.of("component", component.label);
            meters.gauge("oce.power", "watts", "Power drawn now by the component, before PUE.", tags,
                v -> component.of.applyAsDouble(v.powerWatts()));
            meters.counter("oce.energy", "joules", "Energy drawn by the component so far, before PUE.", tags,
                v -> component.of.applyAsDouble(v.energyJoules()));
        }
        meters.counter("oce.emissions", "grams", "CO2e emitted so far: energy x PUE x grid intensity.", Tags.empty(),
            RunView::emissionsGrams);
        meters.gauge("oce.grid.intensity", "grams_per_kwh", "Carbon intensity of the grid the run draws from.",
            Tags.empty(), RunView::gridGramsPerKwh);
        meters.gauge("oce.pue", "ratio", "Power usage effectiveness of the datacenter.", Tags.empty(), RunView::pue);
    }

    private List<Meter> registerForecast() {
        List<Meter> registered = new ArrayList<>();
        for (Bound bound : Bound.values()) {
            Tags tags = Tags.of("bound", bound.label);
            registered.add(meters.gauge("oce.forecast.total.emissions", "grams",
                "Forecast of the run's total CO2e (so far plus the rest), with its interval.", tags,
                v -> v.forecast().map(f -> bound.of.applyAsDouble(f.totalEmissionsGrams())).orElse(Double.NaN)));
            registered.add(meters.gauge("oce.forecast.total.energy", "joules",
                "Forecast of the run's total device energy before PUE, with its interval.", tags,
                v -> v.forecast().map(f -> bound.of.applyAsDouble(f.totalEnergyJoules())).orElse(Double.NaN)));
        }
        registered.add(meters.gauge("oce.forecast.remaining", "seconds", "Forecast of the run's remaining time.",
            Tags.empty(), v -> v.forecast().map(RunView.Forecast::remainingSeconds).orElse(Double.NaN)));
        return registered;
    }

    private void showGpus(RunView view) {
        for (RunView.Gpu gpu : view.gpus()) {
            gpus.computeIfAbsent(gpu.index(), index -> new MeterGroup(registry, () -> registerGpu(gpu))).show(true);
        }
        for (Iterator<Map.Entry<Integer, MeterGroup>> it = gpus.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Integer, MeterGroup> seen = it.next();
            if (view.gpu(seen.getKey()).isEmpty()) {
                seen.getValue().show(false);
                it.remove();
            }
        }
    }

    /** Labels come from the GPU's first sighting; values are looked up by index on every scrape. */
    private List<Meter> registerGpu(RunView.Gpu first) {
        Tags tags = Tags.of("gpu", Integer.toString(first.index()), "uuid", first.uuid(), "name", first.name());
        int index = first.index();
        return List.of(
            meters.gauge("oce.gpu.power", "watts", "Power drawn now by the GPU.", tags,
                gpuValue(index, RunView.Gpu::powerWatts)),
            meters.gauge("oce.gpu.utilization", "ratio", "Fraction of time the GPU was busy, 0 to 1.", tags,
                gpuValue(index, RunView.Gpu::utilizationRatio)),
            meters.gauge("oce.gpu.memory.used", "bytes", "GPU memory in use.", tags,
                gpuValue(index, gpu -> gpu.memoryUsedBytes())),
            meters.counter("oce.gpu.energy", "joules", "Energy this JVM drew on the GPU so far.", tags,
                gpuValue(index, RunView.Gpu::energyJoules)));
    }

    private static ToDoubleFunction<RunView> gpuValue(int index, ToDoubleFunction<RunView.Gpu> value) {
        return v -> v.gpu(index).map(value::applyAsDouble).orElse(Double.NaN);
    }

    /** The {@code component} label of the power and energy series. */
    private enum Component {
        GPU("gpu", RunView.PerComponent::gpu), CPU("cpu", RunView.PerComponent::cpu),
        DRAM("dram", RunView.PerComponent::dram);

        final String label;
        final ToDoubleFunction<RunView.PerComponent> of;

        Component(String label, ToDoubleFunction<RunView.PerComponent> of) {
            this.label = label;
            this.of = of;
        }
    }

    /** The {@code bound} label of the forecast series. */
    private enum Bound {
        EXPECTED("expected", RunView.Bounds::expected), LOWER("lower", RunView.Bounds::lower),
        UPPER("upper", RunView.Bounds::upper);

        final String label;
        final ToDoubleFunction<RunView.Bounds> of;

        Bound(String label, ToDoubleFunction<RunView.Bounds> of) {
            this.label = label;
            this.of = of;
        }
    }
}
