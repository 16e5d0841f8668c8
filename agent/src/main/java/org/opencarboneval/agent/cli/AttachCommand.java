package org.opencarboneval.agent.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.SettingSources;
import org.opencarboneval.agent.config.SettingsException;

/** {@code attach <pid> [agent args]}: loads the agent into a running JVM, which then counts its steps from now on. */
final class AttachCommand implements Command {

    /** Set by the launcher ({@code org.opencarboneval.agent.boot.Launcher}) to the path of the running agent jar. */
    static final String AGENT_JAR_PROPERTY = "opencarboneval.agent.jar";
    /** Set by the agent in the target JVM ({@code AgentCore.STATUS_PROPERTY}). */
    static final String STATUS_PROPERTY = "opencarboneval.agent.status";
    /** Set by the agent in the target JVM ({@code AgentCore.ARGUMENTS_PROPERTY}). */
    static final String ARGUMENTS_PROPERTY = "opencarboneval.agent.arguments";

    @Override
    public String name() {
        return "attach";
    }

    @Override
    public String summary() {
        return "load the agent into a running JVM (same user); agent args as for -javaagent, e.g. ledger=run.jsonl";
    }

    @Override
    public String positionals() {
        return "<pid> [agent args]";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public int run(CommandArguments arguments, Console console) throws UsageException {
        List<String> positionals = arguments.positionals();
        if (positionals.isEmpty() || positionals.size() > 2) {
            throw new UsageException("expected <pid> [agent args], got " + positionals.size() + " arguments");
        }
        String pid = positionals.get(0);
        if (!pid.matches("[0-9]+")) {
            throw new UsageException("'" + pid + "' is not a process id (expected a number such as 12345)");
        }
        String agentArguments = positionals.size() == 2 ? positionals.get(1) : "";
        try {
            // The target JVM reads its own oce.* properties and environment; only the arguments are checked here.
            AgentSettings.parse(agentArguments, new SettingSources(new Properties(), Map.of()));
        } catch (SettingsException e) {
            throw new UsageException(e.getMessage());
        }
        String agentJar = System.getProperty(AGENT_JAR_PROPERTY);
        if (agentJar == null) {
            console.err().println("attach: run this command as java -jar opencarboneval-agent.jar attach ...");
            return Main.EXIT_FAILURE;
        }
        long started = System.nanoTime();
        try {
            VirtualMachine target = VirtualMachine.attach(pid);
            try {
                Properties before = target.getSystemProperties();
                if (before.getProperty(STATUS_PROPERTY, "").startsWith("running")) {
                    return alreadyRunning(pid, before, agentArguments, console);
                }
                target.loadAgent(agentJar, agentArguments);
                String status = target.getSystemProperties().getProperty(STATUS_PROPERTY, "unknown");
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (!status.startsWith("running")) {
                    console.err().println("attach: the agent in " + pid + " did not start: " + status);
                    return Main.EXIT_FAILURE;
                }
                console.out().println("attached to " + pid + " in " + millis + " ms: " + status);
                return Main.EXIT_OK;
            } finally {
                target.detach();
            }
        } catch (AttachNotSupportedException | IOException | AgentLoadException | AgentInitializationException e) {
            console.err().println("attach: cannot load the agent into " + pid + ": " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
    }

    /**
     * A second attach cannot change a running agent's settings (its endpoint, ledger and run are live), so it is
     * refused unless it asks for exactly what runs: then it is a no-op, which keeps a re-run of a script harmless.
     */
    private static int alreadyRunning(String pid, Properties target, String agentArguments, Console console) {
        String status = target.getProperty(STATUS_PROPERTY);
        if (AgentSettings.fingerprint(agentArguments).equals(target.getProperty(ARGUMENTS_PROPERTY))) {
            console.out().println("the agent already runs in " + pid + " with these arguments: " + status);
            return Main.EXIT_OK;
        }
        console.err().println("attach: the agent already runs in " + pid + " (" + status + ") with other arguments, "
            + "and a running agent keeps its settings; restart the JVM to change them, or attach with the same ones");
        return Main.EXIT_FAILURE;
    }
}
