package org.opencarboneval.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which pids NVML may list this process under, from /proc trees laid out as the kernel's. */
class MonitoredProcessTest {

    @TempDir
    Path proc;

    private void process(String nsPidLine, String namespace) throws IOException {
        Files.createDirectories(proc.resolve("self/ns"));
        Files.writeString(proc.resolve("self/status"), "Name:\tjava\nTgid:\t7\nPid:\t7\n" + nsPidLine
            + "\nVmRSS:\t  1024 kB\n");
        Files.createSymbolicLink(proc.resolve("self/ns/pid"), Path.of(namespace));
    }

    @Test
    void onTheHostItIsItsOwnPid() throws IOException {
        process("NSpid:\t7", MonitoredProcess.HOST_NAMESPACE);
        assertEquals(MonitoredProcess.of(7), MonitoredProcess.fromProc(proc, 7));
    }

    @Test
    void inANestedNamespaceWhoseProcShowsTheOuterPidItIsBoth() throws IOException {
        process("NSpid:\t4242\t7", "pid:[4026532481]");
        MonitoredProcess process = MonitoredProcess.fromProc(proc, 7);
        assertEquals(Set.of(4242L, 7L), process.pids());
        assertEquals(Optional.empty(), process.unmappable());
        assertTrue(process.is(4242) && process.is(7));
        assertFalse(process.is(8));
    }

    @Test
    void inAContainerWithItsOwnProcItsHostPidIsUnknown() throws IOException {
        process("NSpid:\t7", "pid:[4026532481]");
        MonitoredProcess process = MonitoredProcess.fromProc(proc, 7);
        assertEquals(Set.of(7L), process.pids());
        assertTrue(process.unmappable().orElseThrow().contains("PID namespace pid:[4026532481], not the host's"),
            process.unmappable().toString());
    }

    @Test
    void withoutProcItIsTakenAsOnTheHost() {
        assertEquals(MonitoredProcess.of(7), MonitoredProcess.fromProc(proc.resolve("absent"), 7));
    }

    @Test
    void thisJvmIsKnownByItsPid() {
        assertTrue(MonitoredProcess.current().is(ProcessHandle.current().pid()));
    }
}
