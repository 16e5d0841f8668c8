package org.opencarboneval.benchmarks.hook;

/** What the benchmark calls, so the plain and the woven copy of {@link OptimizerStep} are called the same way. */
public interface Step {

    long step();
}
