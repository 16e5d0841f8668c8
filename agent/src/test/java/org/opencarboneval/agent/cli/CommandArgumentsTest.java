package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.config.SettingSources;

class CommandArgumentsTest {

    private static final SettingSources NONE = new SettingSources(new Properties(), Map.of());
    private static final List<Option> OPTIONS = List.of(Option.value("format", "text|json", "output format"),
        Option.flag("verbose", "more output"));

    @Test
    void afterTheEndOfOptionsMarkerEverythingIsPositional() throws UsageException {
        CommandArguments arguments = parse("--verbose", "a.jsonl", "--", "--format=json", "--", "-x.jsonl");

        assertEquals(List.of("a.jsonl", "--format=json", "--", "-x.jsonl"), arguments.positionals());
        assertTrue(arguments.flag("verbose"));
        assertEquals(Optional.empty(), arguments.text("format"));
    }

    @Test
    void theMarkerItselfIsNotAPositional() throws UsageException {
        assertEquals(List.of("run.jsonl"), parse("--", "run.jsonl").positionals());
        assertEquals(List.of(), parse("--").positionals());
    }

    @Test
    void badOptionsNameTheValue() {
        assertTrue(message("--formt=json").startsWith("unknown option --formt; did you mean --format"));
        assertEquals("--verbose is a flag and takes no value (got 'yes')", message("--verbose=yes"));
        assertEquals("--format needs a value: text|json", message("--format"));
        assertFalse(message("--formt").contains("\n"));
    }

    private static String message(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    private static CommandArguments parse(String... args) throws UsageException {
        return CommandArguments.parse(OPTIONS, List.of(args), NONE);
    }
}
