package org.opencarboneval.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A powercap tree laid out as the kernel's: intel-rapl:0 (package-0) with an intel-rapl:0:0 subzone named dram. */
final class FakePowercap {

    static final long MAX_RANGE = 262_143_328_850L;

    final Path root;
    final Path cpuPackage;
    final Path dram;

    FakePowercap(Path root) throws IOException {
        this.root = root;
        this.cpuPackage = zone(root.resolve("intel-rapl:0"), "package-0");
        this.dram = zone(cpuPackage.resolve("intel-rapl:0:0"), "dram");
        // sysfs also lists the subzone at the top: it must be counted once
        Files.createSymbolicLink(root.resolve("intel-rapl:0:0"), dram);
        Files.createDirectories(root.resolve("intel-rapl"));
    }

    private static Path zone(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("name"), name + "\n");
        Files.writeString(directory.resolve("max_energy_range_uj"), MAX_RANGE + "\n");
        Files.writeString(directory.resolve("energy_uj"), "0\n");
        return directory;
    }

    void set(Path zone, long microjoules) throws IOException {
        Files.writeString(zone.resolve("energy_uj"), microjoules + "\n");
    }
}
