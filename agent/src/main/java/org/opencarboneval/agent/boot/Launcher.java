package org.opencarboneval.agent.boot;

import java.lang.reflect.InvocationTargetException;

/**
 * {@code java -jar opencarboneval-agent.jar <command>}: runs the command line in the same isolated loader the agent
 * uses, so the commands and the agent load their libraries one way.
 */
public final class Launcher {

    /** The path of the agent jar, for commands that need it (e.g. {@code attach} loads it into another JVM). */
    public static final String AGENT_JAR_PROPERTY = "opencarboneval.agent.jar";

    private static final String CLI_ENTRY = "org.opencarboneval.agent.cli.Main";

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        AgentJar jar = AgentJar.containing(Launcher.class);
        System.setProperty(AGENT_JAR_PROPERTY, jar.location().toString());
        ClassLoader core = new IsolatingClassLoader(jar.extract("core.jar").toUri().toURL());
        Thread.currentThread().setContextClassLoader(core);
        try {
            Class.forName(CLI_ENTRY, true, core).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
