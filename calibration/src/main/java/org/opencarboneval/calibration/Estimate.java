package org.opencarboneval.calibration;

import java.util.OptionalDouble;

/**
 * An a-priori estimate of one training run.
 *
 * @param deviceSeconds      device time summed over all devices
 * @param wallSeconds        wall-clock time when the number of devices is known
 * @param log10Alpha         the throughput curve's alpha (range) used; empty when device-hours were given
 * @param watts              power per device the energy is computed with
 * @param energyKwh          device energy times PUE
 * @param emissionsKg        operational CO2e: energy times grid intensity
 * @param embodiedKg         manufacturing CO2e of the devices, amortised over their life
 */
public record Estimate(Method method, EstimateRequest request, Range deviceSeconds, OptionalDouble wallSeconds,
                       Range log10Alpha, double watts, Range energyKwh, Range emissionsKg, Range embodiedKg) {

    static Estimate of(Method method, EstimateRequest request, DeviceTime time, Range watts) {
        Hardware hardware = request.hardware();
        Range deviceSeconds = time.seconds();
        double expectedKwh = deviceSeconds.expected() * watts.expected() * request.pue().value() / 3.6e6;
        // Time and power err independently: their log-errors add in quadrature.
        Range energyKwh = new Range(
            expectedKwh * Math.exp(-Math.hypot(Math.log(deviceSeconds.expected() / deviceSeconds.low()),
                Math.log(watts.expected() / watts.low()))),
            expectedKwh,
            expectedKwh * Math.exp(Math.hypot(Math.log(deviceSeconds.high() / deviceSeconds.expected()),
                Math.log(watts.high() / watts.expected()))));
        Range embodied = new Range(hardware.embodiedKgFor(deviceSeconds.low()),
            hardware.embodiedKgFor(deviceSeconds.expected()), hardware.embodiedKgFor(deviceSeconds.high()));
        OptionalDouble wall = request.devices().isPresent()
            ? OptionalDouble.of(deviceSeconds.expected() / request.devices().getAsInt())
            : OptionalDouble.empty();
        return new Estimate(method, request, deviceSeconds, wall, time.log10Alpha(), watts.expected(), energyKwh,
            energyKwh.times(request.grid().kgPerKwh()), embodied);
    }
}
