package org.opencarboneval.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main of {@link ExitIT}'s forked JVMs: with a ledger path, waits (up to 20 s) until the agent has written the
 * run's start record, so that sampling has begun; then prints the monotonic time and returns at once.
 */
public final class ExitProbe {

    private ExitProbe() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 0) {
            Path ledger = Path.of(args[0]);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!(Files.exists(ledger) && Files.readString(ledger).contains("\"type\":\"start\""))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        System.out.println("main_returned_nanos " + System.nanoTime());
    }
}
