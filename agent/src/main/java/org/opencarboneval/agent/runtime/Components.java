package org.opencarboneval.agent.runtime;

/** One value per measured component: GPUs, CPU package and DRAM (watts or joules, by context). */
public record Components(double gpu, double cpu, double dram) {

    public static final Components ZERO = new Components(0, 0, 0);

    public double total() {
        return gpu + cpu + dram;
    }

    public Components plus(Components other) {
        return new Components(gpu + other.gpu, cpu + other.cpu, dram + other.dram);
    }
}
