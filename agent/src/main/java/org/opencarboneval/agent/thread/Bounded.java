package org.opencarboneval.agent.thread;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work the agent's start must not wait on for ever: the files it reads before the run (its config, secrets, the
 * intensity file) may sit on a network file system that has stopped, and the start runs on the application's own
 * thread. The work runs on a daemon thread of its own; one that outlives its limit is left to finish or hang there.
 */
public final class Bounded {

    /** How long the start waits for one file read before the run. */
    public static final Duration BEFORE_THE_RUN = Duration.ofSeconds(10);

    private Bounded() {
    }

    /** The work was not done within its limit; {@link #within} says the limit and where its thread waits. */
    public static final class TimedOut extends Exception {
        private static final long serialVersionUID = 1L;
        private final String within;

        TimedOut(String within) {
            super("not done " + within);
            this.within = within;
        }

        /** "within 10 s (now in Type.method, called from Agent.method)". */
        public String within() {
            return within;
        }
    }

    /** The work's result, or what it threw, within {@code limit}; else {@link TimedOut}. */
    public static <T> T call(String threadName, Duration limit, Callable<T> work) throws Exception {
        return start(threadName, work).result(limit);
    }

    /** Begins the work on a daemon thread of its own, for a caller that may wait for it more than once. */
    public static <T> Running<T> start(String threadName, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
        return new Running<>(task, thread);
    }

    /** Work begun by {@link #start}. */
    public static final class Running<T> {
        private final FutureTask<T> task;
        private final Thread thread;

        private Running(FutureTask<T> task, Thread thread) {
            this.task = task;
            this.thread = thread;
        }

        /** The work's result, or what it threw, within {@code limit}; else {@link TimedOut}, the work going on. */
        public T result(Duration limit) throws Exception {
            try {
                return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw failed;
            } catch (TimeoutException late) {
                throw new TimedOut("within " + limit.toSeconds() + " s (now in " + place() + ")");
            }
        }

        public boolean isDone() {
            return task.isDone();
        }

        /** Where its thread is now ({@link ThreadPlace}). */
        public String place() {
            return ThreadPlace.of(thread);
        }
    }
}
