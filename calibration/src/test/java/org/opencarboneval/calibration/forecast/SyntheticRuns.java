package org.opencarboneval.calibration.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Simulated training runs sampled once a second, with the speed changes the live forecast must handle. */
final class SyntheticRuns {

    private SyntheticRuns() {
    }

    /**
     * @param stepsPerEpoch steps in one epoch
     * @param epochs        epochs in the run
     * @param warmupSeconds the first seconds run at a third of full speed, rising linearly
     * @param evalSeconds   a pause without progress at the end of each epoch
     * @param slowdownAt    share of the run after which steps take this much longer (1 for none)
     */
    static List<ProgressPoint> run(int stepsPerEpoch, int epochs, double warmupSeconds, double evalSeconds,
                                          double slowdownAt, double slowdown, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ProgressPoint> observations = new ArrayList<>();
        double time = 0;
        double energy = 0;
        double nextSample = 1;
        long steps = 0;
        long totalSteps = (long) stepsPerEpoch * epochs;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int s = 0; s < stepsPerEpoch; s++) {
                double speed = time < warmupSeconds ? (1 + 2 * time / warmupSeconds) / 3 : 1;
                double stepTime = 0.05 / speed * (steps >= slowdownAt * totalSteps ? slowdown : 1)
                    * (1 + 0.1 * random.nextGaussian());
                double watts = 200 + 10 * random.nextGaussian();
                time += Math.max(stepTime, 0.001);
                energy += watts * Math.max(stepTime, 0.001);
                steps++;
                while (time >= nextSample) {
                    observations.add(new ProgressPoint(nextSample, steps, energy, epoch));
                    nextSample += 1;
                }
            }
            double pauseEnd = time + evalSeconds;
            while (nextSample <= pauseEnd) {
                energy += 120 * (nextSample - time);
                time = nextSample;
                observations.add(new ProgressPoint(time, steps, energy, epoch));
                nextSample += 1;
            }
            energy += 120 * (pauseEnd - time);
            time = pauseEnd;
        }
        observations.add(new ProgressPoint(time, steps, energy, epochs));
        return observations;
    }
}
