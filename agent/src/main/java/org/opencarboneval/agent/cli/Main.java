package org.opencarboneval.agent.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.opencarboneval.agent.config.SettingSources;
import org.opencarboneval.calibration.Names;

/** {@code java -jar opencarboneval-agent.jar <command> [options]}. */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private final List<Command> commands;
    private final SettingSources settings;

    Main(List<Command> commands, SettingSources settings) {
        this.commands = commands;
        this.settings = settings;
    }

    static List<Command> defaultCommands() {
        return List.of(new EstimateCommand(), new CalibrateCommand(), new AttachCommand(), new DevicesCommand(),
            new ReportCommand());
    }

    public static void main(String[] args) {
        System.exit(new Main(defaultCommands(), SettingSources.system()).run(args, Console.system()));
    }

    int run(String[] args, Console console) {
        if (args.length == 0 || isHelp(args[0])) {
            console.out().print(overview());
            return args.length == 0 ? EXIT_USAGE : EXIT_OK;
        }
        Optional<Command> found = commands.stream().filter(c -> c.name().equals(args[0])).findFirst();
        if (found.isEmpty()) {
            console.err().println("unknown command '" + args[0] + "'; the commands are "
                + commands.stream().map(Command::name).collect(Collectors.joining(", "))
                + (commands.isEmpty() ? "" : " (closest: "
                    + Names.closest(args[0], commands.stream().map(Command::name).toList(), 1).get(0) + ")"));
            return EXIT_USAGE;
        }
        Command command = found.get();
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.stream().anyMatch(Main::isHelp)) {
            console.out().print(Usage.of(command));
            return EXIT_OK;
        }
        try {
            return command.run(CommandArguments.parse(command.options(), rest, settings), console);
        } catch (UsageException e) {
            console.err().println(command.name() + ": " + e.getMessage());
            console.err().println("run '" + command.name() + " --help' for the options");
            return EXIT_USAGE;
        } catch (RuntimeException e) {
            console.err().println(command.name() + " failed: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    private String overview() {
        StringBuilder text = new StringBuilder("usage: java -jar opencarboneval-agent.jar <command> [options]\n\ncommands:\n");
        for (Command command : commands) {
            text.append(String.format("  %-10s %s%n", command.name(), command.summary()));
        }
        text.append("\n'<command> --help' lists a command's options. Every option can also be set as the system\n")
            .append("property oce.<option> or the environment variable OCE_<OPTION>.\n");
        return text.toString();
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }
}
