package org.opencarboneval.agent.cli;

import java.util.List;

/** One sub-command of {@code java -jar opencarboneval-agent.jar <command>}. */
public interface Command {

    /** The word that selects this command. */
    String name();

    /** One line for the overview that {@code --help} prints. */
    String summary();

    /** Positional arguments, for the usage line (e.g. {@code "<pid> [agent args]"}); empty when none. */
    default String positionals() {
        return "";
    }

    /** The options this command accepts; anything else is a usage error naming the closest option. */
    List<Option> options();

    /**
     * Runs the command.
     *
     * @return the process exit status
     * @throws UsageException for bad input; {@link Main} prints its message and the usage, and exits 2
     */
    int run(CommandArguments arguments, Console console) throws UsageException;
}
