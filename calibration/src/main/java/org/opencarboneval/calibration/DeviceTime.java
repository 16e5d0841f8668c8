package org.opencarboneval.calibration;

import java.util.Optional;

/**
 * The device time an estimate rests on, with the log10(alpha) of the paper's curve that goes with it.
 *
 * @param seconds    device-seconds summed over all devices
 * @param log10Alpha the curve's alpha for each bound; NaN when the compute is unknown
 */
record DeviceTime(Range seconds, Range log10Alpha) {

    private static final Range UNKNOWN = new Range(Double.NaN, Double.NaN, Double.NaN);

    /** Measured device-hours, when given: then the alpha is the one the run achieved, if its compute is known too. */
    static Optional<DeviceTime> measured(EstimateRequest request) {
        if (request.deviceHours().isEmpty()) {
            return Optional.empty();
        }
        Range seconds = Range.exactly(request.deviceHours().getAsDouble() * 3600);
        return Optional.of(request.flops().isPresent()
            ? through(request.flops().getAsDouble() / 1e12, seconds)
            : new DeviceTime(seconds, UNKNOWN));
    }

    /** The paper's curve through {@code workTflop} done in each bound's time: the alpha whose mean throughput fits. */
    static DeviceTime through(double workTflop, Range seconds) {
        return new DeviceTime(seconds, new Range(
            ThroughputCurve.log10AlphaForMeanThroughput(workTflop / seconds.high(), seconds.high()),
            ThroughputCurve.log10AlphaForMeanThroughput(workTflop / seconds.expected(), seconds.expected()),
            ThroughputCurve.log10AlphaForMeanThroughput(workTflop / seconds.low(), seconds.low())));
    }
}
