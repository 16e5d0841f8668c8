package org.opencarboneval.agent.boot;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code -javaagent} and attach entry points. Deliberately tiny and dependency-free: it loads the agent core in
 * an {@link IsolatingClassLoader} and hands over. A throwing {@code premain} kills the JVM, so every failure ends here
 * as one line on stderr.
 */
public final class BootAgent {

    private static final String CORE_ENTRY = "org.opencarboneval.agent.runtime.AgentCore";
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private BootAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, "start");
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, "attach");
    }

    /** @param entry the core's {@code start} (before {@code main}) or {@code attach} (into a running JVM) */
    private static void start(String arguments, Instrumentation instrumentation, String entry) {
        if (!STARTED.compareAndSet(false, true)) {
            System.err.println("[opencarboneval] the agent is already running in this JVM; ignoring the second start");
            return;
        }
        try {
            AgentJar jar = AgentJar.containing(BootAgent.class);
            ClassLoader core = new IsolatingClassLoader(jar.extract("core.jar").toUri().toURL());
            Object running = Class.forName(CORE_ENTRY, true, core)
                .getMethod(entry, Instrumentation.class, String.class)
                .invoke(null, instrumentation, arguments);
            // An agent that stayed off (bad settings) may be attached again with better ones.
            STARTED.set(Boolean.TRUE.equals(running));
        } catch (Throwable failure) {
            Throwable cause = failure instanceof java.lang.reflect.InvocationTargetException ? failure.getCause() : failure;
            System.err.println("[opencarboneval] agent not started, the application runs without it: " + cause);
            STARTED.set(false);
        }
    }
}
