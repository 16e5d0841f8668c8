package org.opencarboneval.agent.runtime;

import java.util.function.LongPredicate;

import org.opencarboneval.host.HostReading;

/**
 * A host whose cumulative CPU energy grows {@code joulesPerCall} at every call (DRAM a tenth of it), whether or not
 * the reading is delivered: the calls {@code failing} picks throw instead, as OSHI may.
 */
final class ScriptedHost implements HostSensor {

    private final LongPredicate failing;
    private final double joulesPerCall;
    private long calls;

    ScriptedHost(LongPredicate failing, double joulesPerCall) {
        this.failing = failing;
        this.joulesPerCall = joulesPerCall;
    }

    @Override
    public HostReading sample() {
        long call = calls++;
        if (failing.test(call)) {
            throw new IllegalStateException("OSHI could not read /proc/stat");
        }
        double cpu = calls * joulesPerCall;
        return new HostReading("test CPU", 8, 0.5, 0.5, 10, cpu, true, 1, cpu / 10, true);
    }

    /** The simulated truth: the CPU energy the host used up to its latest call. */
    double cpuJoulesSoFar() {
        return calls * joulesPerCall;
    }

    @Override
    public String status() {
        return "scripted host";
    }

    @Override
    public void close() {
    }
}
