package org.opencarboneval.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.Timestamp;

/** The live forecast of the run's totals as of one sample, with what was used so far. */
@Name("org.opencarboneval.Forecast")
@Label("Run Forecast")
@Description("The live forecast of the run's total energy (before PUE) and CO2e with 90% intervals, and its end")
@Category({"OpenCarbonEval", "Forecast"})
@StackTrace(false)
public final class ForecastEvent extends Event {

    @Label("Run Id")
    String runId;

    @Label("Steps")
    long steps;

    @Label("Progress")
    @Percentage
    double progress;

    @Label("Energy So Far")
    @Joules
    double energySoFar;

    @Label("CO2e So Far")
    @Grams
    double emissionsSoFar;

    @Label("Total Energy")
    @Joules
    double totalEnergy;

    @Label("Total Energy Lower")
    @Joules
    double totalEnergyLower;

    @Label("Total Energy Upper")
    @Joules
    double totalEnergyUpper;

    @Label("Total CO2e")
    @Grams
    double totalEmissions;

    @Label("Total CO2e Lower")
    @Grams
    double totalEmissionsLower;

    @Label("Total CO2e Upper")
    @Grams
    double totalEmissionsUpper;

    @Label("Remaining")
    @Timespan(Timespan.MILLISECONDS)
    long remaining;

    @Label("Predicted End")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    long predictedEnd;
}
