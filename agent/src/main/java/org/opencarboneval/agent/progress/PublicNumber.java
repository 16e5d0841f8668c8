package org.opencarboneval.agent.progress;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A number a framework object tells through a public no-argument method, read reflectively: the agent cannot link
 * against DJL or DL4J, and the method is looked up through public types only (an implementation class is often
 * package-private).
 */
final class PublicNumber {

    private PublicNumber() {
    }

    /** The method's value; -1 when it is absent, not a number, or fails. */
    static long of(Object target, String method) {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            Long value = invokeIfPublic(type, target, method);
            if (value != null) {
                return value;
            }
            for (Class<?> face : type.getInterfaces()) {
                value = invokeIfPublic(face, target, method);
                if (value != null) {
                    return value;
                }
            }
        }
        return -1;
    }

    private static Long invokeIfPublic(Class<?> type, Object target, String name) {
        if (!Modifier.isPublic(type.getModifiers())) {
            return null;
        }
        try {
            Method method = type.getMethod(name);
            Object value = method.invoke(target);
            return value instanceof Number number ? number.longValue() : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // absent, or the object cannot say (UnsupportedOperationException): unknown
            return null;
        }
    }
}
