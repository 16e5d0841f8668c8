package org.opencarboneval.agent.runtime;

/**
 * Running totals of energy per component and of CO2e, fed with a meter's cumulative readings. A reading below the
 * previous one means the meter restarted; its whole value is then new energy.
 */
final class EnergyAccount {

    private final CarbonFactors carbon;
    private Components total;
    private double co2eGrams;
    private Components lastReading = Components.ZERO;

    EnergyAccount(CarbonFactors carbon, Components resumedEnergy, double resumedCo2eGrams) {
        this.carbon = carbon;
        this.total = resumedEnergy;
        this.co2eGrams = resumedCo2eGrams;
    }

    void add(Components cumulative) {
        Components delta = new Components(delta(cumulative.gpu(), lastReading.gpu()),
            delta(cumulative.cpu(), lastReading.cpu()), delta(cumulative.dram(), lastReading.dram()));
        lastReading = cumulative;
        total = total.plus(delta);
        co2eGrams += carbon.gramsFor(delta.total());
    }

    Components energy() {
        return total;
    }

    double co2eGrams() {
        return co2eGrams;
    }

    private static double delta(double now, double before) {
        return now >= before ? now - before : now;
    }
}
