package org.opencarboneval.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One GPU's share of energy over one sampling interval, with its latest reading. */
@Name("org.opencarboneval.GpuEnergy")
@Label("GPU Energy")
@Description("This JVM's share of one GPU's energy during one sampling interval, and the GPU's latest reading")
@Category({"OpenCarbonEval", "Energy"})
@StackTrace(false)
public final class GpuEnergyEvent extends Event {

    @Label("Run Id")
    String runId;

    @Label("GPU Index")
    int gpuIndex;

    @Label("UUID")
    String uuid;

    @Label("Name")
    String name;

    @Label("Energy")
    @Joules
    double energy;

    @Label("Power")
    @Description("The GPU's power at the end of the interval")
    @Watts
    double power;

    @Label("Utilization")
    @Percentage
    double utilization;

    @Label("Memory Used")
    @DataAmount
    long memoryUsed;

    @Label("Interval")
    @Timespan(Timespan.MILLISECONDS)
    long interval;
}
