package org.opencarboneval.agent.runtime;

/**
 * One GPU's latest reading, as the snapshot exposes it. Energy is this JVM's cumulative share since the agent began;
 * {@code usedByProcess} says whether NVML has listed this process on the GPU (or could not tell), which a rank's
 * GPUs are and the others of its node are not.
 */
public record GpuState(int index, String uuid, String name, double powerWatts, double energyJoules,
        double utilizationGpu, long memoryUsedBytes, boolean usedByProcess) {

    /** The same GPU and energy with another power: 0 while it is not read (lost, or its reading failed). */
    GpuState withPower(double watts) {
        return new GpuState(index, uuid, name, watts, energyJoules, utilizationGpu, memoryUsedBytes, usedByProcess);
    }
}
