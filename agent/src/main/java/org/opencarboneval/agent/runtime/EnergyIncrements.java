package org.opencarboneval.agent.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns cumulative energy readings, one series per key, into the energy added since the previous reading. The
 * sources (the bridge's GPU and host samplers) count from zero when they open and never go back, since they handle
 * their hardware counters' restarts themselves; a reading below the highest seen is therefore a glitch, and energy
 * is counted only above that high-water mark. So an increment is never negative, and no joule is counted twice,
 * whatever a failing sensor returns in between.
 */
final class EnergyIncrements<K> {

    private final Map<K, Double> highest = new HashMap<>();

    /** The energy {@code key} added since its previous reading (its first counts from zero); 0 for a non-finite one. */
    double added(K key, double cumulative) {
        double before = highest.getOrDefault(key, 0.0);
        if (!Double.isFinite(cumulative) || cumulative <= before) {
            return 0;
        }
        highest.put(key, cumulative);
        return cumulative - before;
    }
}
