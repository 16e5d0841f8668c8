package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start held by a wedged GPU driver says so, once, where it waits; the application runs on and exits. */
class StartWatchIT {

    @TempDir
    Path directory;

    @Test
    void aStartHeldByTheGpuDriverSaysWhereItWaits() throws Exception {
        // the driver hangs on the first power reading, the baseline the start takes as it opens the GPU meter
        Process process = ProbeJvm.start(directory, "run_id=held,metrics=false,console=false", LineProbe.class,
            List.of(), "gpu 0 hang_after 0");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AgentCore.START_PATIENCE_MILLIS + 30_000);
        String stderr = "";
        while (!stderr.contains("starting for") && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(200);
            stderr = Files.readString(ProbeJvm.stderr(directory));
        }
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the JVM ends");

        assertEquals(0, process.exitValue(), stderr);
        assertTrue(stderr.contains("[opencarboneval] the agent has been starting for 20 s, now in "), stderr);
        assertTrue(stderr.contains(", called from nvmlDeviceGetPowerUsage;"), "the NVML call is named: " + stderr);
        assertEquals(1, stderr.lines().filter(line -> line.contains("starting for")).count(), stderr);
    }

    /** The forked JVM's main: waits for a line on stdin, as an application still training. */
    public static final class LineProbe {
        private LineProbe() {
        }

        public static void main(String[] args) throws IOException {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
    }
}
