package org.opencarboneval.agent.instrument;

import java.util.function.Supplier;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One instrumentation: the methods of one class (by binary name) and the advice inlined into them. The method matcher
 * is built only when the class loads, so {@code premain} does not load Byte Buddy's matcher classes.
 */
record Target(String className, Supplier<ElementMatcher<? super MethodDescription>> methods, Class<?> advice) {
}
