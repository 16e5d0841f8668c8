package org.opencarboneval.agent.runtime;

/** One GPU's latest reading, as the snapshot exposes it. Energy is this JVM's cumulative share since the agent began. */
public record GpuState(int index, String uuid, String name, double powerWatts, double energyJoules,
        double utilizationGpu, long memoryUsedBytes) {
}
