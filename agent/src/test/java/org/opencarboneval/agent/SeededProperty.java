package org.opencarboneval.agent;

import java.util.SplittableRandom;

/**
 * A property checked on many generated cases without a property-testing library: each case draws from its own seed,
 * so a failure names the seed that replays it alone, and what the case wrote to its report.
 */
public interface SeededProperty {

    void check(SplittableRandom random, StringBuilder report) throws Exception;

    static void forEachCase(long seed, int cases, SeededProperty property) {
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < cases; i++) {
            long caseSeed = seeds.nextLong();
            StringBuilder report = new StringBuilder();
            try {
                property.check(new SplittableRandom(caseSeed), report);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("case " + i + " (seed " + caseSeed + "):\n" + report, e);
            }
        }
    }
}
