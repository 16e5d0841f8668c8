package org.opencarboneval.calibration;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What to estimate: the work, in FLOP or as measured device-hours, on which hardware, and where.
 *
 * @param flops       total training compute; may be empty when {@code deviceHours} is given
 * @param deviceHours device-hours summed over all devices, when measured; then no throughput model is needed, and
 *                    with the compute it tells the alpha the run achieved
 * @param devices     number of devices running in parallel, for the wall-clock time
 * @param pue         power usage effectiveness applied to device energy
 * @param grid        grid carbon intensity
 */
public record EstimateRequest(Hardware hardware, OptionalDouble flops, OptionalDouble deviceHours,
                              OptionalInt devices, Pue pue, GridIntensity grid) {

    public EstimateRequest {
        if (flops.isEmpty() && deviceHours.isEmpty()) {
            throw new IllegalArgumentException("give the work as FLOP, as parameters x tokens, or as device-hours");
        }
    }
}
