package org.opencarboneval.exporter.otlp;

import java.util.function.Supplier;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;

import org.opencarboneval.exporter.RunView;

/**
 * The run's OTLP instruments, read from one view per collection. Energy and power follow OpenTelemetry's hardware
 * semantic conventions ({@code model/hardware/common-metrics.yaml}, {@code gpu-metrics.yaml}): {@code hw.energy}
 * (counter, J) and {@code hw.power} (gauge, W) per component with {@code hw.type} ({@code gpu} per GPU, {@code cpu},
 * {@code memory}) and {@code hw.id}; the sum of the components as {@code hw.host.energy} and {@code hw.host.power},
 * since the spec wants host totals there rather than on {@code hw.energy}, where they would be summed with the parts.
 * Emissions, training progress and the forecast have no convention and go under {@code opencarboneval.*}. Every
 * point carries the run's id as {@code opencarboneval.run.id}.
 *
 * <p>The GPU figures are this JVM's share of each GPU, before PUE, as on {@code /metrics}.
 */
final class RunInstruments {

    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("opencarboneval.run.id");
    static final AttributeKey<String> HW_ID = AttributeKey.stringKey("hw.id");
    static final AttributeKey<String> HW_TYPE = AttributeKey.stringKey("hw.type");
    static final AttributeKey<String> HW_NAME = AttributeKey.stringKey("hw.name");
    static final AttributeKey<String> BOUND = AttributeKey.stringKey("opencarboneval.bound");

    private final ObservableDoubleMeasurement energy;
    private final ObservableDoubleMeasurement power;
    private final ObservableDoubleMeasurement hostEnergy;
    private final ObservableDoubleMeasurement hostPower;
    private final ObservableDoubleMeasurement emissions;
    private final ObservableLongMeasurement steps;
    private final ObservableDoubleMeasurement progress;
    private final ObservableDoubleMeasurement forecastEmissions;
    private final ObservableDoubleMeasurement forecastEnergy;
    private final ObservableDoubleMeasurement forecastRemaining;

    private RunInstruments(Meter meter) {
        energy = meter.counterBuilder("hw.energy").ofDoubles().setUnit("J")
            .setDescription("Energy consumed by the component (this JVM's share of a GPU)").buildObserver();
        power = meter.gaugeBuilder("hw.power").setUnit("W")
            .setDescription("Instantaneous power consumed by the component").buildObserver();
        hostEnergy = meter.counterBuilder("hw.host.energy").ofDoubles().setUnit("J")
            .setDescription("Energy of all the components the run uses, before PUE").buildObserver();
        hostPower = meter.gaugeBuilder("hw.host.power").setUnit("W")
            .setDescription("Power of all the components the run uses, before PUE").buildObserver();
        emissions = meter.counterBuilder("opencarboneval.emissions").ofDoubles().setUnit("g")
            .setDescription("CO2e emitted so far: energy x PUE x grid intensity").buildObserver();
        steps = meter.counterBuilder("opencarboneval.training.steps").setUnit("{step}")
            .setDescription("Training steps done, those redone after a restore from a checkpoint included").buildObserver();
        progress = meter.gaugeBuilder("opencarboneval.training.progress").setUnit("1")
            .setDescription("Steps done / total steps, 0 to 1").buildObserver();
        forecastEmissions = meter.gaugeBuilder("opencarboneval.forecast.emissions").setUnit("g")
            .setDescription("Forecast CO2e of the whole run, with its 90% interval").buildObserver();
        forecastEnergy = meter.gaugeBuilder("opencarboneval.forecast.energy").setUnit("J")
            .setDescription("Forecast energy of the whole run before PUE, with its 90% interval").buildObserver();
        forecastRemaining = meter.gaugeBuilder("opencarboneval.forecast.remaining").setUnit("s")
            .setDescription("Forecast time to the end of the run").buildObserver();
    }

    /** Registers the instruments with one callback that reads {@code run} once per collection. */
    static void register(Meter meter, Supplier<RunView> run) {
        RunInstruments instruments = new RunInstruments(meter);
        meter.batchCallback(() -> {
            RunView view = run.get();
            if (view != null) {
                instruments.observe(view);
            }
        }, instruments.energy, instruments.power, instruments.hostEnergy, instruments.hostPower,
            instruments.emissions, instruments.steps, instruments.progress, instruments.forecastEmissions,
            instruments.forecastEnergy, instruments.forecastRemaining);
    }

    private void observe(RunView view) {
        Attributes run = Attributes.of(RUN_ID, view.runId());
        for (RunView.Gpu gpu : view.gpus()) {
            Attributes attributes = run.toBuilder().put(HW_TYPE, "gpu").put(HW_ID, gpu.uuid())
                .put(HW_NAME, gpu.name()).build();
            energy.record(gpu.energyJoules(), attributes);
            power.record(gpu.powerWatts(), attributes);
        }
        component(run, "cpu", "cpu", view.energyJoules().cpu(), view.powerWatts().cpu());
        component(run, "memory", "dram", view.energyJoules().dram(), view.powerWatts().dram());
        hostEnergy.record(view.energyJoules().total(), host(run));
        hostPower.record(view.powerWatts().total(), host(run));
        emissions.record(view.emissionsGrams(), run);
        steps.record(view.steps(), run);
        view.progressRatio().ifPresent(ratio -> progress.record(ratio, run));
        view.forecast().ifPresent(forecast -> {
            bounds(forecastEmissions, forecast.totalEmissionsGrams(), run);
            bounds(forecastEnergy, forecast.totalEnergyJoules(), run);
            forecastRemaining.record(forecast.remainingSeconds(), run);
        });
    }

    private void component(Attributes run, String type, String id, double joules, double watts) {
        Attributes attributes = run.toBuilder().put(HW_TYPE, type).put(HW_ID, id).build();
        energy.record(joules, attributes);
        power.record(watts, attributes);
    }

    private static Attributes host(Attributes run) {
        return run.toBuilder().put(HW_ID, "host").build();
    }

    private static void bounds(ObservableDoubleMeasurement gauge, RunView.Bounds bounds, Attributes run) {
        gauge.record(bounds.expected(), run.toBuilder().put(BOUND, "expected").build());
        gauge.record(bounds.lower(), run.toBuilder().put(BOUND, "lower").build());
        gauge.record(bounds.upper(), run.toBuilder().put(BOUND, "upper").build());
    }
}
