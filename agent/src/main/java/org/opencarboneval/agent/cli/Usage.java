package org.opencarboneval.agent.cli;

/** The {@code --help} text of one command, built from its declared options. */
final class Usage {

    private Usage() {
    }

    static String of(Command command) {
        StringBuilder text = new StringBuilder("usage: java -jar opencarboneval-agent.jar ")
            .append(command.name());
        if (!command.positionals().isEmpty()) {
            text.append(' ').append(command.positionals());
        }
        text.append(" [options]\n\n").append(command.summary()).append("\n\noptions:\n");
        for (Option option : command.options()) {
            String left = "--" + option.name() + (option.takesValue() ? " " + option.valueName() : "");
            text.append(String.format("  %-26s %s%n", left, option.description()));
        }
        return text.toString();
    }
}
