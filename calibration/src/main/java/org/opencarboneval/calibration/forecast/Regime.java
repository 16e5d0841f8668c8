package org.opencarboneval.calibration.forecast;

import java.util.List;

/**
 * The job's current regime: its training windows since the last clear step change in throughput (a new batch size,
 * sequence length or model phase) and, of those, the ones after its cold start (JIT compilation, caches, data
 * loading). The paper's curve describes smooth change; a step would otherwise bend the fitted curve for a long time.
 * Speed is fitted on the warm windows only. Power is fitted on all since the step: a cold start is slow, but its
 * power is the start of the fading transient that the power fit follows.
 *
 * @param warm      the windows that describe the current speed
 * @param sinceStep the windows since the last step, the cold start included (all of them when there was no step)
 * @param stepped   whether throughput stepped: then both lists start at the step
 */
record Regime(List<Window> warm, List<Window> sinceStep, boolean stepped) {

    /** The cold start lasts until a window reaches this share of the typical throughput. */
    static final double COLD_START_SHARE = 0.85;
    /** A step must change mean throughput by at least this much... */
    static final double MIN_STEP = 0.08;
    /** ...and stand this many standard errors above the windows' scatter. */
    static final double MIN_T = 6;
    /** Windows needed on each side of a step before it is believed. */
    static final int MIN_SIDE = 4;

    static Regime of(List<Window> windows, double typicalThroughput) {
        List<Window> afterColdStart = afterColdStart(windows, typicalThroughput);
        int step = lastStep(afterColdStart);
        List<Window> warm = afterColdStart.subList(step, afterColdStart.size());
        return new Regime(warm, step == 0 ? windows : warm, step != 0);
    }

    private static List<Window> afterColdStart(List<Window> windows, double typicalThroughput) {
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).throughput() >= COLD_START_SHARE * typicalThroughput) {
                return windows.subList(i, windows.size());
            }
        }
        return windows;
    }

    /**
     * The index after which throughput last stepped; 0 when it did not. The split that best separates two means is
     * found, then the search goes on to its right, so that of several steps the latest wins.
     */
    private static int lastStep(List<Window> windows) {
        int step = bestStep(windows);
        return step == 0 ? 0 : step + lastStep(windows.subList(step, windows.size()));
    }

    /** The split that best separates two mean throughputs, if it is clear enough; 0 when none is. */
    private static int bestStep(List<Window> windows) {
        int n = windows.size();
        double[] prefixWork = new double[n + 1];
        double[] prefixTime = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefixWork[i + 1] = prefixWork[i] + windows.get(i).work();
            prefixTime[i + 1] = prefixTime[i] + windows.get(i).duration();
        }
        int best = 0;
        double bestT = MIN_T;
        for (int split = MIN_SIDE; split <= n - MIN_SIDE; split++) {
            double before = prefixWork[split] / prefixTime[split];
            double after = (prefixWork[n] - prefixWork[split]) / (prefixTime[n] - prefixTime[split]);
            if (Math.abs(after / before - 1) < MIN_STEP) {
                continue;
            }
            double t = Math.abs(after - before) / standardError(windows, split, before, after);
            if (t > bestT) {
                bestT = t;
                best = split;
            }
        }
        return best;
    }

    /** Standard error of the difference of the two sides' means, from the windows' scatter around their side's mean. */
    private static double standardError(List<Window> windows, int split, double before, double after) {
        double squares = 0;
        for (int i = 0; i < windows.size(); i++) {
            squares += Math.pow(windows.get(i).throughput() - (i < split ? before : after), 2);
        }
        double variance = squares / Math.max(1, windows.size() - 2);
        return Math.sqrt(variance / split + variance / (windows.size() - split)) + 1e-300;
    }
}
