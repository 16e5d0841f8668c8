package org.opencarboneval.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.config.StepMethod;
import org.opencarboneval.agent.hook.TrainingHooks;

class TargetTransformerTest {

    private static final String SAMPLE = SampleTrainer.class.getName();

    private final List<String> warnings = new ArrayList<>();
    private final TargetTransformer transformer = new TargetTransformer(
        Targets.of(Optional.of(new StepMethod(SAMPLE, "trainStep"))), warnings::add);

    @Test
    void countsCompletedUserStepsAndLeavesTheUsersExceptionsAlone() throws Exception {
        Object trainer = instrumented().getDeclaredConstructor().newInstance();
        Method step = trainer.getClass().getMethod("trainStep", boolean.class);
        long before = TrainingHooks.USER_STEPS.get();

        assertEquals(1, step.invoke(trainer, false));
        assertEquals(2, step.invoke(trainer, false));
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
            () -> step.invoke(trainer, true));

        assertEquals("the user's own failure", thrown.getCause().getMessage());
        assertEquals(before + 2, TrainingHooks.USER_STEPS.get(), "two completed steps, the failed one not counted");
        assertEquals(List.of(), warnings);
    }

    @Test
    void otherClassesAreNotTouched() {
        byte[] classFile = ClassFileLocator.ForClassLoader.read(TargetTransformerTest.class);

        assertNull(transformer.transform(getClass().getClassLoader(),
            TargetTransformerTest.class.getName().replace('.', '/'), null, null, classFile));
    }

    @Test
    void aClassThatCannotBeWovenLoadsUnchangedWithOneWarning() {
        byte[] garbage = {1, 2, 3};

        assertNull(transformer.transform(getClass().getClassLoader(), SAMPLE.replace('.', '/'), null, null, garbage));
        assertNull(transformer.transform(getClass().getClassLoader(), SAMPLE.replace('.', '/'), null, null, garbage));

        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("cannot instrument " + SAMPLE), warnings.get(0));
    }

    @Test
    void warmUpLoadsByteBuddyWithoutTouchingAnyTarget() throws InterruptedException {
        Thread warmUp = TargetTransformer.warmUpInBackground();
        warmUp.join();

        byte[] original = ClassFileLocator.ForClassLoader.read(SampleTrainer.class);
        byte[] copy = original.clone();
        assertNotNull(transformer.transform(getClass().getClassLoader(), SAMPLE.replace('.', '/'), null, null, copy));
        assertArrayEquals(original, copy, "the transformer must not modify the buffer it is given");
    }

    /** The sample class, woven, defined in a child loader so the hooks resolve to the test's own TrainingHooks. */
    private Class<?> instrumented() {
        byte[] woven = transformer.transform(getClass().getClassLoader(), SAMPLE.replace('.', '/'), null, null,
            ClassFileLocator.ForClassLoader.read(SampleTrainer.class));
        assertNotNull(woven);
        return new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(SAMPLE, woven, 0, woven.length);
            }
        }.define();
    }
}
