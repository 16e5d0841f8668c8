package org.opencarboneval.benchmarks.harness;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A harness's {@code key=value} arguments, each with a default so a bare run measures what RESULTS.md reports. */
public final class Options {

    private final Map<String, String> given = new HashMap<>();

    public Options(String[] args, Set<String> known) {
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1 || !known.contains(arg.substring(0, equals))) {
                throw new IllegalArgumentException("expected key=value with a key of " + known + ", got '" + arg + "'");
            }
            given.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
    }

    public String text(String key, String fallback) {
        return given.getOrDefault(key, fallback);
    }

    public int number(String key, int fallback) {
        return Integer.parseInt(text(key, Integer.toString(fallback)));
    }
}
