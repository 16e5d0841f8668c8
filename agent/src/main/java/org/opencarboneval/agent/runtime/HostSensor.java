package org.opencarboneval.agent.runtime;

import org.opencarboneval.host.HostPowerSampler;
import org.opencarboneval.host.HostReading;

/** The host's CPU and DRAM readings as the power meter uses them: the bridge's sampler, or a test's scripted host. */
interface HostSensor extends AutoCloseable {

    /** Energies cumulative since the sensor opened; may throw (OSHI and sysfs are read underneath). */
    HostReading sample();

    String status();

    @Override
    void close();

    static HostSensor of(HostPowerSampler sampler) {
        return new HostSensor() {
            @Override
            public HostReading sample() {
                return sampler.sample();
            }

            @Override
            public String status() {
                return sampler.status();
            }

            @Override
            public void close() {
                sampler.close();
            }
        };
    }
}
