package org.opencarboneval.agent.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** Work the start must not wait on for ever: its result, its own failure, or a timeout that says where it waits. */
class BoundedTest {

    @Test
    void theWorksResultOrItsOwnFailureComeBackAsTheyAre() throws Exception {
        assertEquals("token", Bounded.call("test-read", Duration.ofSeconds(5), () -> "token"));
        IOException thrown = assertThrows(IOException.class, () -> Bounded.call("test-read", Duration.ofSeconds(5),
            () -> {
                throw new IOException("No such file");
            }));
        assertEquals("No such file", thrown.getMessage());
    }

    @Test
    void workThatHangsIsATimeoutSayingWhereItWaits() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        long started = System.nanoTime();
        try {
            Bounded.TimedOut late = assertThrows(Bounded.TimedOut.class, () -> Bounded.call("test-hang",
                Duration.ofSeconds(1), () -> {
                    never.await();
                    return "late";
                }));
            assertTrue(late.within().startsWith("within 1 s (now in "), late.within());
            assertTrue(late.within().contains(", called from BoundedTest."), late.within());
            assertTrue(System.nanoTime() - started < 10_000_000_000L, "the caller waited about the limit, not for ever");
        } finally {
            never.countDown();
        }
    }
}
