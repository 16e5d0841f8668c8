package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencarboneval.e2e.TrainingJvm.DL4J;
import static org.opencarboneval.e2e.TrainingJvm.DL4J_MAIN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real DL4J training with {@code -XX:StartFlightRecording} and the agent, on the NVML stand-in's two GPUs (250 W
 * and 150 W): the JDK's own {@code jfr print} finds the agent's {@code org.opencarboneval.*} events, defined in its
 * isolated class loader, in the recording, with plausible values.
 */
@Timeout(300)
class FlightRecorderIT {

    private static final Pattern EVENT = Pattern.compile("(org\\.opencarboneval\\.\\w+) \\{\\n(.*?)\\n}",
        Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("^\\s*(\\w+) = (.*)$", Pattern.MULTILINE);

    @Test
    void jfrPrintShowsTheAgentsEventsWithPlausibleValues() throws Exception {
        Path recording = TrainingJvm.workFile("flight.jfr");
        Files.deleteIfExists(recording);
        NvmlStandIn nvml = NvmlStandIn.twoGpus();
        Map<String, String> environment = new HashMap<>(nvml.environment());
        // the launcher reads JDK_JAVA_OPTIONS: the recording starts before main, as a user's flag would
        environment.put("JDK_JAVA_OPTIONS", "-XX:StartFlightRecording:filename=" + recording);
        TrainingJvm training = TrainingJvm.startExample("flight-training", DL4J, DL4J_MAIN, "run_id=flight,"
            + "interval=0.5,console=false,metrics=false," + nvml.agentArgument(), environment,
            TrainingJvm.forecastedTraining());
        assertEquals(0, training.finish(), training.stderr());
        assertTrue(Files.size(recording) > 0, "the recording was written at exit");

        TrainingJvm print = TrainingJvm.startJdkTool("flight-print", "jfr", "print", "--events",
            "org.opencarboneval.ComponentEnergy,org.opencarboneval.GpuEnergy,org.opencarboneval.Forecast",
            recording.toString());
        assertEquals(0, print.finish(), print.stderr());
        Map<String, List<Map<String, String>>> events = events(print.stdout());

        List<Map<String, String>> components = events.getOrDefault("org.opencarboneval.ComponentEnergy", List.of());
        assertTrue(components.size() >= 9, "three components per interval, several intervals: " + print.stdout());
        List<Double> gpuWatts = components.stream().filter(e -> e.get("component").equals("\"gpu\""))
            .map(e -> number(e.get("averagePower"))).toList();
        double middle = gpuWatts.get(gpuWatts.size() / 2);
        assertEquals(400, middle, 40, "the stand-in's GPUs draw 250 W + 150 W: " + gpuWatts);
        components.forEach(e -> assertTrue(number(e.get("energy")) >= 0, "energy per interval: " + e));

        List<Map<String, String>> gpus = events.getOrDefault("org.opencarboneval.GpuEnergy", List.of());
        assertTrue(gpus.stream().anyMatch(e -> e.get("gpuIndex").equals("0"))
            && gpus.stream().anyMatch(e -> e.get("gpuIndex").equals("1")), "an event per GPU: " + gpus);
        assertTrue(gpus.stream().allMatch(e -> e.get("name").equals("\"NVIDIA H100 80GB HBM3\"")), "named");

        List<Map<String, String>> forecasts = events.getOrDefault("org.opencarboneval.Forecast", List.of());
        assertTrue(!forecasts.isEmpty(), "the forecast is recorded once it exists: " + print.stdout());
        Map<String, String> last = forecasts.get(forecasts.size() - 1);
        double total = number(last.get("totalEnergy"));
        assertTrue(number(last.get("totalEnergyLower")) <= total && total <= number(last.get("totalEnergyUpper")),
            "the expected total lies in its band: " + last);
        assertTrue(total >= number(last.get("energySoFar")), "the total is at least what was used: " + last);
        assertTrue(last.get("remaining").matches("[0-9.]+ (ms|s|min)"), "a timespan, printed as one: " + last);
    }

    /** The printed events by name, each as its fields' printed values. */
    private static Map<String, List<Map<String, String>>> events(String printed) {
        Map<String, List<Map<String, String>>> events = new HashMap<>();
        Matcher event = EVENT.matcher(printed);
        while (event.find()) {
            Map<String, String> fields = new HashMap<>();
            Matcher field = FIELD.matcher(event.group(2));
            while (field.find()) {
                fields.put(field.group(1), field.group(2).strip());
            }
            events.computeIfAbsent(event.group(1), name -> new ArrayList<>()).add(fields);
        }
        return events;
    }

    private static double number(String printed) {
        return Double.parseDouble(printed.split(" ")[0].replace(",", ""));
    }
}
