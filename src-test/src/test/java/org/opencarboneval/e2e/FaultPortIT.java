package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The metrics port already taken: one line saying so, and the run is still measured into its ledger. */
@Timeout(300)
class FaultPortIT {

    @Test
    void aTakenPortIsOneLineAndTheRunIsStillMeasured() throws Exception {
        Path ledger = TrainingJvm.workFile("fault-port.jsonl");
        Files.deleteIfExists(ledger);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String line = FaultRuns.trainAndGetTheOneAgentLine("fault-port", "ledger=" + ledger
                + ",run_id=fault-port,console=false,port=" + taken.getLocalPort(), Map.of());

            assertTrue(line.contains("port " + taken.getLocalPort()) && line.contains("already in use"), line);
        }
        Map<String, Object> end = Ledger.read(ledger).end();
        assertEquals(TrainingJvm.printed(FaultRuns.plainOutput(), "steps"), Ledger.whole(end, "steps"));
    }
}
