package org.opencarboneval.agent.cli;

/**
 * A command-line option {@code --name value} (or {@code --name=value}); a flag when {@code valueName} is null. The
 * same name is the settings key read from {@code oce.<name>} and {@code OCE_<NAME>} when the option is not given.
 */
public record Option(String name, String valueName, String description) {

    public static Option flag(String name, String description) {
        return new Option(name, null, description);
    }

    public static Option value(String name, String valueName, String description) {
        return new Option(name, valueName, description);
    }

    public boolean takesValue() {
        return valueName != null;
    }
}
