package org.opencarboneval.agent.progress;

/** The run's total steps and where that number came from (e.g. {@code config}, {@code djl.fit}, {@code learnt}). */
public record TotalSteps(long steps, String source) {
}
