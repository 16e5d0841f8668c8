package org.opencarboneval.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One component's energy over one sampling interval. */
@Name("org.opencarboneval.ComponentEnergy")
@Label("Component Energy")
@Description("Energy a component (gpu, cpu, dram) drew during one sampling interval and its average power, before PUE")
@Category({"OpenCarbonEval", "Energy"})
@StackTrace(false)
public final class ComponentEnergyEvent extends Event {

    @Label("Run Id")
    String runId;

    @Label("Component")
    @Description("gpu (all of this JVM's GPUs), cpu or dram")
    String component;

    @Label("Energy")
    @Joules
    double energy;

    @Label("Average Power")
    @Watts
    double averagePower;

    @Label("Interval")
    @Timespan(Timespan.MILLISECONDS)
    long interval;
}
