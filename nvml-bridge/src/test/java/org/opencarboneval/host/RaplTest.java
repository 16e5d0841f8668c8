package org.opencarboneval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaplTest {

    @TempDir
    Path root;

    @Test
    void packageAndDramCountersAdvanceEachOnce() throws IOException {
        FakePowercap tree = new FakePowercap(root);
        tree.set(tree.cpuPackage, 1_000_000);
        tree.set(tree.dram, 500_000);
        Rapl rapl = Rapl.open(root);
        assertTrue(rapl.usable(), rapl.problem());
        assertTrue(rapl.hasDram());

        tree.set(tree.cpuPackage, 51_000_000);
        tree.set(tree.dram, 5_500_000);
        assertEquals(50.0, rapl.advancePackages(), 1e-9);
        assertEquals(5.0, rapl.advanceDram(), 1e-9);
    }

    @Test
    void wrapAroundIsUndoneWithTheMaximumRange() throws IOException {
        FakePowercap tree = new FakePowercap(root);
        tree.set(tree.cpuPackage, FakePowercap.MAX_RANGE - 2_000_000);
        Rapl rapl = Rapl.open(root);
        tree.set(tree.cpuPackage, 3_000_000);
        assertEquals(5.0, rapl.advancePackages(), 1e-9);
    }

    @Test
    void rootWithoutAFileNameHasNoZones() {
        assertEquals("no RAPL package zone under /", Rapl.open(Path.of("/")).problem());
    }

    @Test
    void absentTreeIsReported() {
        Rapl rapl = Rapl.open(root.resolve("powercap"));
        assertFalse(rapl.usable());
        assertEquals("no RAPL (" + root.resolve("powercap") + " absent)", rapl.problem());
    }

    @Test
    void unreadableCounterIsReported() throws IOException {
        FakePowercap tree = new FakePowercap(root);
        Files.delete(tree.cpuPackage.resolve("energy_uj"));
        Files.createDirectory(tree.cpuPackage.resolve("energy_uj"));
        Rapl rapl = Rapl.open(root);
        assertFalse(rapl.usable());
        assertTrue(rapl.problem().startsWith("RAPL unreadable: "), rapl.problem());
    }

    @Test
    void counterReadableOnlyByRootSaysSo() throws IOException {
        new FakePowercap(root);
        // what an unprivileged user meets on kernels since 5.10, whoever runs the test
        SysfsReader unprivileged = file -> {
            if (file.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(file.toString());
            }
            return SysfsReader.FILES.read(file);
        };
        assertEquals(Rapl.NOT_ROOT, Rapl.open(root, unprivileged).problem());
    }

    @Test
    void counterModeReadableOnlyByRootSaysSoWhenNotRoot() throws IOException {
        FakePowercap tree = new FakePowercap(root);
        Files.setPosixFilePermissions(tree.cpuPackage.resolve("energy_uj"), PosixFilePermissions.fromString("r--------"));
        Files.setPosixFilePermissions(tree.cpuPackage.resolve("energy_uj"), PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(tree.cpuPackage.resolve("energy_uj")), "running as root: every file is readable");
        assertEquals(Rapl.NOT_ROOT, Rapl.open(root).problem());
    }
}
