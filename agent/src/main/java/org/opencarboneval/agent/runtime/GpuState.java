package org.opencarboneval.agent.runtime;

/**
 * One GPU's latest reading, as the snapshot exposes it. Energy is this JVM's cumulative share since the agent began;
 * {@code processShare} is this process's share of the GPU at that reading (0 on a rank's neighbours' GPUs, and on
 * one lost or not read).
 */
public record GpuState(int index, String uuid, String name, double powerWatts, double energyJoules,
        double utilizationGpu, long memoryUsedBytes, double processShare) {

    /** The same GPU and energy, not read this time (lost, or its reading failed): no power, no share. */
    GpuState unread() {
        return new GpuState(index, uuid, name, 0, energyJoules, utilizationGpu, memoryUsedBytes, 0);
    }
}
