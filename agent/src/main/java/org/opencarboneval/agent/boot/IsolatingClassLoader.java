package org.opencarboneval.agent.boot;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads the agent core and its libraries (Byte Buddy, JNA, OSHI, ...) apart from the application: its parent is the
 * platform loader, so the application's own copies of those libraries on the class path are never seen, and ours never
 * replace theirs. JNA cannot be relocated (its native stub exports {@code Java_com_sun_jna_*}), hence this loader.
 *
 * <p>Two packages are delegated to the system class loader, where the agent jar itself sits: the hook classes, so
 * that the agent and the instrumented application code share one copy of the counters; and {@code jdk.attach}, a JDK
 * module mapped to the application class loader, for the {@code attach} command.
 *
 * <p>Why not put the hooks on the bootstrap class path: appending to it makes HotSpot disable class data sharing for
 * the application's classes and print a warning to stdout, which would change the program's output and start-up.
 * Application loaders delegate to the system loader; where one does not, the advice's suppressed
 * {@code NoClassDefFoundError} costs only the count, never the application.
 */
final class IsolatingClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private static final String HOOKS = "org.opencarboneval.agent.hook.";
    private static final String ATTACH_API = "com.sun.tools.attach.";

    IsolatingClassLoader(URL coreJar) {
        super("opencarboneval", new URL[] {coreJar}, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(HOOKS) || name.startsWith(ATTACH_API)) {
            return ClassLoader.getSystemClassLoader().loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
