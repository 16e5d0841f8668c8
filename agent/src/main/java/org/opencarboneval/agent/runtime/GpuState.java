package org.opencarboneval.agent.runtime;

/** One GPU's latest reading, as the snapshot exposes it. Energy is this JVM's cumulative share since the agent began. */
public record GpuState(int index, String uuid, String name, double powerWatts, double energyJoules,
        double utilizationGpu, long memoryUsedBytes) {

    /** The same GPU and energy with another power: 0 while it is not read (lost, or its reading failed). */
    GpuState withPower(double watts) {
        return new GpuState(index, uuid, name, watts, energyJoules, utilizationGpu, memoryUsedBytes);
    }
}
