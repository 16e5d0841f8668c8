package org.opencarboneval.exporter;

import java.util.Arrays;

/**
 * Power, throughput and CO2e over the whole run for the status page's charts, in bounded memory: when the buffer is
 * full, every other point is dropped and from then on only every second view is kept (then every fourth, ...).
 * Views with the same elapsed time as the last one kept are the same snapshot seen again and are skipped.
 */
final class StatusHistory {

    private final double[] elapsedSeconds;
    private final double[] powerWatts;
    private final double[] stepsPerSecond;
    private final double[] emissionsGrams;
    private int size;
    private int stride = 1;
    private int sinceKept;
    private double lastOffered = Double.NaN;
    /** Counts the changes to the series, so that what was drawn from them can tell it is still current. */
    private long version;

    StatusHistory(int capacity) {
        elapsedSeconds = new double[capacity];
        powerWatts = new double[capacity];
        stepsPerSecond = new double[capacity];
        emissionsGrams = new double[capacity];
    }

    synchronized void add(RunView view) {
        if (view.elapsedSeconds() == lastOffered) {
            return;
        }
        lastOffered = view.elapsedSeconds();
        if (++sinceKept < stride) {
            return;
        }
        sinceKept = 0;
        if (size == elapsedSeconds.length) {
            halve();
        }
        elapsedSeconds[size] = view.elapsedSeconds();
        powerWatts[size] = view.powerWatts().total();
        stepsPerSecond[size] = view.stepsPerSecond();
        emissionsGrams[size] = view.emissionsGrams();
        size++;
        version++;
    }

    /** Changes whenever {@link #points()} would return other series. */
    synchronized long version() {
        return version;
    }

    /** Copies of the series, oldest first. */
    synchronized Points points() {
        return new Points(Arrays.copyOf(elapsedSeconds, size), Arrays.copyOf(powerWatts, size),
            Arrays.copyOf(stepsPerSecond, size), Arrays.copyOf(emissionsGrams, size));
    }

    private void halve() {
        for (int i = 0; i < size / 2; i++) {
            elapsedSeconds[i] = elapsedSeconds[2 * i];
            powerWatts[i] = powerWatts[2 * i];
            stepsPerSecond[i] = stepsPerSecond[2 * i];
            emissionsGrams[i] = emissionsGrams[2 * i];
        }
        size /= 2;
        stride *= 2;
    }

    /** @param powerWatts total of the components, as {@link RunView.PerComponent#total()} */
    record Points(double[] elapsedSeconds, double[] powerWatts, double[] stepsPerSecond, double[] emissionsGrams) {
    }
}
