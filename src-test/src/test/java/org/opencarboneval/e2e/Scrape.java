package org.opencarboneval.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /metrics} in the Prometheus text format, parsed into its samples. */
record Scrape(String text, List<Sample> samples) {

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.lines().toList()) {
            Matcher sample = LINE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new Scrape(text, samples);
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** The value of the one series of {@code name} whose labels include these {@code label, value} pairs. */
    double value(String name, String... labelPairs) {
        List<Sample> matching = samples.stream()
            .filter(s -> s.name().equals(name))
            .filter(s -> hasLabels(s, labelPairs))
            .toList();
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " series " + name + " " + List.of(labelPairs) + " in\n" + text);
        }
        return matching.get(0).value();
    }

    /** The intensity source in force is {@code source}: its series is 1 and the others' 0. */
    void assertSource(String source) {
        for (Sample sample : samples) {
            if (sample.name().equals("oce_grid_intensity_source")) {
                double expected = source.equals(sample.labels().get("source")) ? 1 : 0;
                if (sample.value() != expected) {
                    throw new AssertionError("expected the source " + source + ", got " + sample + " in\n" + text);
                }
            }
        }
        value("oce_grid_intensity_source", "source", source);
    }

    double sum(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
    }

    private static boolean hasLabels(Sample sample, String... labelPairs) {
        for (int i = 0; i < labelPairs.length; i += 2) {
            if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
