package org.opencarboneval.agent.thread;

import java.util.Arrays;

/** Where a thread that hangs is: for the one line that says so, instead of a silence. */
public final class ThreadPlace {

    private static final String AGENT = "org.opencarboneval.";

    private ThreadPlace() {
    }

    /** The method the thread is in and, when that is not the agent's own, the agent's method that called it. */
    public static String of(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        if (stack.length == 0) {
            return "an unknown place";
        }
        String top = name(stack[0]);
        return Arrays.stream(stack).filter(frame -> frame.getClassName().startsWith(AGENT)).findFirst()
            .filter(frame -> frame != stack[0])
            .map(frame -> top + ", called from " + name(frame))
            .orElse(top);
    }

    /** {@code Type.method}; a JNA binding's proxy by its method alone, the native function's name. */
    private static String name(StackTraceElement frame) {
        String type = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
        return type.startsWith("$Proxy") ? frame.getMethodName() : type + "." + frame.getMethodName();
    }
}
