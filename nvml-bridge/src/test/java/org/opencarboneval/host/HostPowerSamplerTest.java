package org.opencarboneval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPowerSamplerTest {

    @TempDir
    Path directory;

    private long nanos = 5_000_000_000L;
    private final LongSupplier clock = () -> nanos;

    private HostReading sampleAfter(HostPowerSampler sampler, double seconds) {
        nanos += (long) (seconds * 1e9);
        return sampler.sample();
    }

    @Test
    void raplCountersAreMeasuredEnergy() throws IOException {
        FakePowercap tree = new FakePowercap(directory.resolve("powercap"));
        HostPowerSampler sampler = HostPowerSampler.open(
            new HostOptions(tree.root, Optional.empty(), false, directory.resolve("cgroup")), clock);
        tree.set(tree.cpuPackage, 40_000_000);
        tree.set(tree.dram, 6_000_000);

        HostReading reading = sampleAfter(sampler, 2);

        assertTrue(reading.cpuMeasured());
        assertTrue(reading.dramMeasured());
        assertEquals(40.0, reading.cpuEnergyJoules(), 1e-9);
        assertEquals(20.0, reading.cpuPowerWatts(), 1e-9);
        assertEquals(6.0, reading.dramEnergyJoules(), 1e-9);
        assertEquals(3.0, reading.dramPowerWatts(), 1e-9);
        assertTrue(reading.logicalCores() >= 1);
        assertTrue(sampler.status().contains("CPU power measured by RAPL; DRAM measured by RAPL"), sampler.status());
    }

    @Test
    void counterThatBecomesUnreadableFallsBackToTheEstimate() throws IOException {
        FakePowercap tree = new FakePowercap(directory.resolve("powercap"));
        HostPowerSampler sampler = HostPowerSampler.open(
            new HostOptions(tree.root, Optional.of(100.0), false, directory.resolve("cgroup")), clock);
        tree.set(tree.cpuPackage, 10_000_000);
        assertEquals(10.0, sampleAfter(sampler, 1).cpuEnergyJoules(), 1e-9);
        Files.delete(tree.cpuPackage.resolve("energy_uj"));

        HostReading reading = sampleAfter(sampler, 1);

        assertFalse(reading.cpuMeasured());
        assertTrue(reading.cpuPowerWatts() >= 10 && reading.cpuPowerWatts() <= 100, "power " + reading.cpuPowerWatts());
        assertEquals(10.0 + reading.cpuPowerWatts(), reading.cpuEnergyJoules(), 1e-9);
        assertTrue(sampler.status().contains("RAPL stopped being readable"), sampler.status());
    }

    @Test
    void withoutRaplCpuIsTdpTimesLoadAndDramComesFromTheCgroupLimit() throws IOException {
        Path cgroup = Files.createDirectories(directory.resolve("cgroup"));
        Files.writeString(cgroup.resolve("memory.max"), (8L << 30) + "\n");
        HostPowerSampler sampler = HostPowerSampler.open(
            new HostOptions(directory.resolve("none"), Optional.of(200.0), true, cgroup), clock);

        HostReading reading = sampleAfter(sampler, 4);

        assertFalse(reading.cpuMeasured());
        assertFalse(reading.dramMeasured());
        assertTrue(reading.cpuPowerWatts() >= 0 && reading.cpuPowerWatts() <= 200, "power " + reading.cpuPowerWatts());
        assertEquals(reading.cpuPowerWatts() * 4, reading.cpuEnergyJoules(), 1e-6);
        assertEquals(3.0, reading.dramPowerWatts(), 1e-9);
        assertEquals(12.0, reading.dramEnergyJoules(), 1e-9);
        assertTrue(sampler.status().contains("no RAPL"), sampler.status());
        assertTrue(sampler.status().contains("TDP 200 W (configured)"), sampler.status());
        assertTrue(sampler.status().contains("8.0 GiB cgroup limit"), sampler.status());
    }

    /**
     * Ranks of a job in one container share its limit: beside a second JVM holding 512 MiB in the same cgroup, this
     * process charges only its share of the limit by resident memory; listed alone, or in a list that does not name
     * it (another pid namespace), the whole limit.
     */
    @Test
    void ranksInOneCgroupShareItsLimitByResidentMemory() throws Exception {
        Path cgroup = Files.createDirectories(directory.resolve("cgroup"));
        Files.writeString(cgroup.resolve("memory.max"), (8L << 30) + "\n");
        String self = Long.toString(ProcessHandle.current().pid());
        HostPowerSampler sampler = HostPowerSampler.open(
            new HostOptions(directory.resolve("none"), Optional.of(200.0), true, cgroup), clock);
        Files.writeString(cgroup.resolve("cgroup.procs"), self + "\n");
        assertEquals(3.0, sampleAfter(sampler, 1).dramPowerWatts(), 1e-9, "alone in its cgroup");

        Path program = Files.writeString(directory.resolve("Hold.java"),
            "class Hold { public static void main(String[] a) throws Exception { Thread.sleep(120_000); } }");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch", program.toString()).redirectErrorStream(true).start();
        try {
            Path statm = Path.of("/proc", Long.toString(other.pid()), "statm");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline && residentPages(statm) * 4096L < 500L << 20) {
                Thread.sleep(50);
            }
            Files.writeString(cgroup.resolve("cgroup.procs"), self + "\n" + other.pid() + "\n");
            double shared = sampleAfter(sampler, 1).dramPowerWatts();
            assertTrue(shared > 0 && shared < 3.0 * 0.8, "this JVM's share of the limit: " + shared + " W");
            assertTrue(sampler.status().contains("this process's share by resident memory"), sampler.status());

            Files.writeString(cgroup.resolve("cgroup.procs"), other.pid() + "\n");
            assertEquals(3.0, sampleAfter(sampler, 1).dramPowerWatts(), 1e-9, "a list that does not name this process");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    private static long residentPages(Path statm) {
        try {
            return Long.parseLong(Files.readString(statm).split(" ")[1]);
        } catch (IOException | RuntimeException notYet) {
            return 0;
        }
    }

    @Test
    void withoutCgroupLimitDramFollowsResidentMemory() {
        HostPowerSampler sampler = HostPowerSampler.open(
            new HostOptions(directory.resolve("none"), Optional.empty(), false, directory.resolve("no-cgroup")), clock);
        HostReading reading = sampleAfter(sampler, 1);
        double residentGib = reading.dramPowerWatts() / DramEstimate.WATTS_PER_GIB;
        assertTrue(residentGib > 0.001 && residentGib < 64, "resident GiB " + residentGib);
        assertTrue(sampler.status().contains("of this process's resident memory"), sampler.status());
    }

    @Test
    void hostileTreesNeverMakeOpenThrowAndDegradeToTheEstimate() throws IOException {
        Path file = Files.writeString(directory.resolve("a-file"), "not a directory\n");
        FakePowercap nonNumeric = new FakePowercap(directory.resolve("non-numeric"));
        Files.writeString(nonNumeric.cpuPackage.resolve("energy_uj"), "lots\n");
        FakePowercap nameIsADirectory = new FakePowercap(directory.resolve("name-is-a-directory"));
        Files.delete(nameIsADirectory.cpuPackage.resolve("name"));
        Files.createDirectory(nameIsADirectory.cpuPackage.resolve("name"));
        Path cgroup = Files.createDirectories(directory.resolve("cgroup/memory"));
        Files.writeString(cgroup.resolve("memory.limit_in_bytes"), "unlimited\n");
        Files.createDirectory(cgroup.getParent().resolve("memory.max"));
        List<HostOptions> hostile = List.of(
            new HostOptions(file, Optional.empty(), true, file),
            new HostOptions(nonNumeric.root, Optional.empty(), true, cgroup.getParent()),
            new HostOptions(nameIsADirectory.root, Optional.empty(), true, cgroup),
            // a root whose file name is null
            new HostOptions(Path.of("/"), Optional.empty(), true, Path.of("/")));
        for (HostOptions options : hostile) {
            HostPowerSampler sampler = HostPowerSampler.open(options, clock);
            HostReading reading = sampleAfter(sampler, 1);
            assertFalse(reading.cpuMeasured(), options.toString());
            assertTrue(reading.cpuEnergyJoules() > 0, options + ": " + reading);
            String status = sampler.status();
            assertTrue(status.contains("CPU power estimated as TDP"), status);
            assertEquals(1, status.lines().count(), status);
        }
    }
}
