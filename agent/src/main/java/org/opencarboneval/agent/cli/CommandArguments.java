package org.opencarboneval.agent.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.opencarboneval.agent.config.SettingSources;
import org.opencarboneval.calibration.Names;

/**
 * The parsed arguments of one command. Values not given on the command line fall back to the {@code oce.<name>}
 * system property and the {@code OCE_<NAME>} environment variable; typed getters turn bad values into
 * {@link UsageException}s that name the option, the value and what is accepted.
 */
public final class CommandArguments {

    private final Map<String, String> values;
    private final List<String> positionals;
    private final SettingSources settings;

    private CommandArguments(Map<String, String> values, List<String> positionals, SettingSources settings) {
        this.values = values;
        this.positionals = positionals;
        this.settings = settings;
    }

    public static CommandArguments parse(List<Option> options, List<String> args, SettingSources settings)
            throws UsageException {
        Map<String, Option> byName = options.stream()
            .collect(Collectors.toMap(Option::name, o -> o, (a, b) -> a, LinkedHashMap::new));
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                // the end of the options: everything after it is positional, even a file named --x.jsonl
                positionals.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("--")) {
                positionals.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String inline = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                inline = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            Option option = byName.get(name);
            if (option == null) {
                throw new UsageException("unknown option --" + name + "; did you mean "
                    + Names.closest(name, List.copyOf(byName.keySet()), 3).stream().map(n -> "--" + n)
                        .collect(Collectors.joining(", ")) + "?");
            }
            if (!option.takesValue()) {
                if (inline != null) {
                    throw new UsageException("--" + name + " is a flag and takes no value (got '" + inline + "')");
                }
                values.put(name, "true");
            } else if (inline != null) {
                values.put(name, inline);
            } else if (i + 1 < args.size()) {
                values.put(name, args.get(++i));
            } else {
                throw new UsageException("--" + name + " needs a value: " + option.valueName());
            }
        }
        return new CommandArguments(values, List.copyOf(positionals), settings);
    }

    public List<String> positionals() {
        return positionals;
    }

    /** Whether the option was typed on the command line (not inherited from a system property or the environment). */
    public boolean typed(String name) {
        return values.containsKey(name);
    }

    /** The option's value from the command line, else from the settings sources. */
    public Optional<String> text(String name) {
        String value = values.get(name);
        return value != null ? Optional.of(value) : settings.lookup(name);
    }

    public boolean flag(String name) throws UsageException {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return false;
        }
        String text = value.get().strip();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new UsageException("--" + name + ": '" + text + "' is not a boolean (expected true or false)");
    }

    /** A finite number strictly above zero. */
    public Optional<Double> positiveNumber(String name) throws UsageException {
        Optional<Double> value = number(name);
        if (value.isPresent() && value.get() <= 0) {
            throw new UsageException("--" + name + ": '" + values.getOrDefault(name, String.valueOf(value.get()))
                + "' must be greater than zero");
        }
        return value;
    }

    /** A finite number at or above zero. */
    public Optional<Double> nonNegativeNumber(String name) throws UsageException {
        Optional<Double> value = number(name);
        if (value.isPresent() && value.get() < 0) {
            throw new UsageException("--" + name + ": '" + values.getOrDefault(name, String.valueOf(value.get()))
                + "' is negative; expected a number of at least 0");
        }
        return value;
    }

    /** A whole number of at least one. */
    public Optional<Integer> positiveInteger(String name) throws UsageException {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            int parsed = Integer.parseInt(value.get().strip());
            if (parsed < 1) {
                throw new UsageException("--" + name + ": '" + value.get() + "' must be a whole number of at least 1");
            }
            return Optional.of(parsed);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + value.get() + "' is not a whole number (expected e.g. 8)");
        }
    }

    private Optional<Double> number(String name) throws UsageException {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get().strip();
        try {
            double parsed = Double.parseDouble(text);
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException();
            }
            return Optional.of(parsed);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + text + "' is not a number (expected a decimal such as 1.5 or 3.14e23)");
        }
    }
}
