package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.ledger.LedgerRecord;

/** The packaged agent in forked JVMs: the exit is bounded, and a run that began sampling still gets its end record. */
class ExitIT {

    /** The exit's budget plus a JVM's own teardown on a loaded 2-core machine. */
    private static final long EXIT_BOUND_MILLIS = AgentCore.EXIT_BUDGET_MILLIS + 2_000;

    @TempDir
    Path directory;

    private record Exit(long mainToExitMillis, String stderr) {
    }

    /** Runs {@link ExitProbe} with the agent over the NVML stand-in scripted with {@code script}. */
    private Exit run(Path ledger, String... script) throws IOException, InterruptedException {
        Process process = ProbeJvm.start(directory, "run_id=exit,metrics=false,console=false,interval=0.05,ledger="
            + ledger, ExitProbe.class, List.of(ledger.toString()), script);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        long exited = System.nanoTime();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the JVM ends");
        String stderr = Files.readString(ProbeJvm.stderr(directory));
        assertEquals(0, process.exitValue(), stderr);
        assertTrue(out.startsWith("main_returned_nanos "), out + stderr);
        long returned = Long.parseLong(out.strip().substring("main_returned_nanos ".length()));
        return new Exit(TimeUnit.NANOSECONDS.toMillis(exited - returned), stderr);
    }

    @Test
    void aWedgedGpuDriverHoldsTheExitNoLongerThanTheBudget() throws Exception {
        Path ledger = directory.resolve("hung.jsonl");
        // the baseline at open and the first sample answer; the next power reading (a tick or the last sample) hangs
        Exit exit = run(ledger, "gpu 0 hang_after 2");

        assertTrue(exit.mainToExitMillis() < EXIT_BOUND_MILLIS, exit.mainToExitMillis() + " ms: " + exit.stderr());
        assertTrue(exit.stderr().contains("[opencarboneval] the run's last sample and end record did not complete "
            + "within 1000 ms"), exit.stderr());
    }

    @Test
    void aRunThatBeganSamplingEndsWithItsEndRecord() throws Exception {
        Path ledger = directory.resolve("short.jsonl");
        Exit exit = run(ledger);

        List<Object> types = Files.readAllLines(ledger).stream()
            .map(line -> LedgerRecord.parse(line).orElseThrow().get("type")).toList();
        assertEquals("start", types.get(0));
        assertEquals("end", types.get(types.size() - 1), types.toString());
        assertTrue(exit.mainToExitMillis() < EXIT_BOUND_MILLIS, exit.mainToExitMillis() + " ms: " + exit.stderr());
    }
}
