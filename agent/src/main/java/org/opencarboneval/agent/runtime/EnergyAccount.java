package org.opencarboneval.agent.runtime;

/**
 * Running totals of energy per component, of CO2e and of the GPU time charged, fed with what each reading adds and
 * charged at the grid intensity in force for that interval. Totals only grow: an increment that is negative or not
 * finite (which no meter should give) adds nothing.
 */
final class EnergyAccount {

    private final CarbonFactors carbon;
    private Components total;
    private double co2eGrams;
    private double gpuSeconds;

    EnergyAccount(CarbonFactors carbon, Components resumedEnergy, double resumedCo2eGrams, double resumedGpuSeconds) {
        this.carbon = carbon;
        this.total = resumedEnergy;
        this.co2eGrams = resumedCo2eGrams;
        this.gpuSeconds = resumedGpuSeconds;
    }

    /** At the table's intensity. */
    void add(Components added) {
        add(added, carbon);
    }

    /** At the factors in force for this interval. */
    void add(Components added, CarbonFactors inForce) {
        Components counted = new Components(countable(added.gpu()), countable(added.cpu()), countable(added.dram()));
        total = total.plus(counted);
        co2eGrams += inForce.gramsFor(counted.total());
    }

    /** An interval of {@code seconds} in which {@code gpus} GPUs (the sum of their shares) were charged. */
    void addGpuTime(double seconds, double gpus) {
        gpuSeconds += countable(seconds * gpus);
    }

    double gpuSeconds() {
        return gpuSeconds;
    }

    Components energy() {
        return total;
    }

    double co2eGrams() {
        return co2eGrams;
    }

    private static double countable(double joules) {
        return Double.isFinite(joules) && joules > 0 ? joules : 0;
    }
}
