package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The attach command's input checks; attaching to a real training JVM is tested end to end in src-test. */
class AttachCommandTest {

    private final CliRunner cli = CliRunner.isolated();

    @Test
    void aPidMustBeANumber() {
        CliRunner.Result result = cli.run("attach", "twelve");

        assertEquals(Main.EXIT_USAGE, result.status());
        assertTrue(result.err().startsWith("attach: 'twelve' is not a process id"), result.err());
    }

    @Test
    void badAgentArgumentsAreRejectedBeforeAttaching() {
        CliRunner.Result result = cli.run("attach", "1", "interval=soon");

        assertEquals(Main.EXIT_USAGE, result.status());
        assertTrue(result.err().startsWith("attach: bad setting interval='soon': expected a number of seconds"),
            result.err());
    }

    @Test
    void outsideTheAgentJarItSaysHowToRunIt() {
        CliRunner.Result result = cli.run("attach", Long.toString(ProcessHandle.current().pid()), "console=false");

        assertEquals(Main.EXIT_FAILURE, result.status());
        assertTrue(result.err().contains("java -jar opencarboneval-agent.jar attach"), result.err());
    }
}
