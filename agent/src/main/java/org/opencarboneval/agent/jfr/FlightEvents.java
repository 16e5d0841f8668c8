package org.opencarboneval.agent.jfr;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.opencarboneval.agent.runtime.Components;
import org.opencarboneval.agent.runtime.GpuState;
import org.opencarboneval.agent.runtime.RunForecast;
import org.opencarboneval.agent.runtime.RunSnapshot;

/**
 * Commits the agent's JDK Flight Recorder events, {@code org.opencarboneval.*}, from the sampling loop: per sampling
 * interval each component's and each GPU's energy, and the forecast. While no recording has them enabled each costs
 * one {@code isEnabled()} check per sample and nothing is gathered; the previous snapshot is still kept, so a
 * recording started mid-run begins with a true interval.
 */
public final class FlightEvents {

    private RunSnapshot previous;

    private FlightEvents() {
    }

    /**
     * The events' recorder, or empty with one line to {@code warnings} when this JVM has no Flight Recorder (a
     * runtime image built without the {@code jdk.jfr} module).
     */
    public static Optional<FlightEvents> create(Consumer<String> warnings) {
        try {
            new ComponentEnergyEvent().isEnabled(); // loads jdk.jfr here, not on the sampling thread
            return Optional.of(new FlightEvents());
        } catch (LinkageError noFlightRecorder) {
            warnings.accept("JFR events off: this JVM has no Flight Recorder (" + noFlightRecorder + ")");
            return Optional.empty();
        }
    }

    /** The events of the interval that ends with {@code current}; call with each new snapshot, in order. */
    public void record(RunSnapshot current) {
        RunSnapshot before = previous;
        previous = current;
        if (before == null || !(current.elapsedSeconds() > before.elapsedSeconds())) {
            return;
        }
        double seconds = current.elapsedSeconds() - before.elapsedSeconds();
        long millis = Math.round(seconds * 1000);
        components(before.energyJoules(), current, seconds, millis);
        gpus(before.gpus(), current, millis);
        current.forecast().ifPresent(forecast -> forecast(current, forecast));
    }

    private static void components(Components before, RunSnapshot current, double seconds, long millis) {
        ComponentEnergyEvent gpu = new ComponentEnergyEvent();
        if (!gpu.isEnabled()) {
            return;
        }
        Components now = current.energyJoules();
        component(gpu, current.runId(), "gpu", now.gpu() - before.gpu(), seconds, millis);
        component(new ComponentEnergyEvent(), current.runId(), "cpu", now.cpu() - before.cpu(), seconds, millis);
        component(new ComponentEnergyEvent(), current.runId(), "dram", now.dram() - before.dram(), seconds, millis);
    }

    private static void component(ComponentEnergyEvent event, String runId, String component, double joules,
            double seconds, long millis) {
        event.runId = runId;
        event.component = component;
        event.energy = joules;
        event.averagePower = joules / seconds;
        event.interval = millis;
        event.commit();
    }

    private static void gpus(List<GpuState> before, RunSnapshot current, long millis) {
        if (current.gpus().isEmpty() || !new GpuEnergyEvent().isEnabled()) {
            return;
        }
        for (GpuState gpu : current.gpus()) {
            // a GPU first seen in this interval counts from zero, as its energy does
            double earlier = before.stream().filter(g -> g.uuid().equals(gpu.uuid())).findFirst()
                .map(GpuState::energyJoules).orElse(0.0);
            GpuEnergyEvent event = new GpuEnergyEvent();
            event.runId = current.runId();
            event.gpuIndex = gpu.index();
            event.uuid = gpu.uuid();
            event.name = gpu.name();
            event.energy = gpu.energyJoules() - earlier;
            event.power = gpu.powerWatts();
            event.utilization = gpu.utilizationGpu();
            event.memoryUsed = gpu.memoryUsedBytes();
            event.interval = millis;
            event.commit();
        }
    }

    private static void forecast(RunSnapshot current, RunForecast forecast) {
        ForecastEvent event = new ForecastEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.runId = current.runId();
        event.steps = current.steps();
        event.progress = current.progress().orElse(Double.NaN);
        event.energySoFar = current.energyJoules().total();
        event.emissionsSoFar = current.co2eGrams();
        event.totalEnergy = forecast.totalEnergyJoules().expected();
        event.totalEnergyLower = forecast.totalEnergyJoules().low();
        event.totalEnergyUpper = forecast.totalEnergyJoules().high();
        event.totalEmissions = forecast.totalEmissionsGrams().expected();
        event.totalEmissionsLower = forecast.totalEmissionsGrams().low();
        event.totalEmissionsUpper = forecast.totalEmissionsGrams().high();
        event.remaining = Math.round(forecast.remainingSeconds().expected() * 1000);
        event.predictedEnd = current.at().toEpochMilli() + event.remaining;
        event.commit();
    }
}
