package org.opencarboneval.agent.config;

/** The user's step method from {@code step.method=com.acme.Trainer#trainStep}. */
public record StepMethod(String className, String methodName) {

    static StepMethod parse(String value) {
        int hash = value.indexOf('#');
        return new StepMethod(value.substring(0, hash), value.substring(hash + 1));
    }
}
