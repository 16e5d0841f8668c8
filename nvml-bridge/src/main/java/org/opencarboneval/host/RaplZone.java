package org.opencarboneval.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One powercap zone ({@code intel-rapl:0}, or its {@code dram} subzone): a microjoule counter that wraps at
 * {@code max_energy_range_uj}.
 */
final class RaplZone {

    private final Path directory;
    private final String name;
    private final long maxRangeMicrojoules;
    private final SysfsReader reader;
    private long lastMicrojoules = -1;

    private RaplZone(Path directory, String name, long maxRangeMicrojoules, SysfsReader reader) {
        this.directory = directory;
        this.name = name;
        this.maxRangeMicrojoules = maxRangeMicrojoules;
        this.reader = reader;
    }

    static RaplZone open(Path directory, SysfsReader reader) throws IOException {
        Path range = directory.resolve("max_energy_range_uj");
        long max = Files.exists(range) ? Long.parseLong(reader.read(range).strip()) : 0;
        return new RaplZone(directory, reader.read(directory.resolve("name")).strip(), max, reader);
    }

    String name() {
        return name;
    }

    Path directory() {
        return directory;
    }

    /** Joules since the previous call (0 on the first); one wrap of the counter between calls is undone. */
    double advance() throws IOException {
        long now = Long.parseLong(reader.read(directory.resolve("energy_uj")).strip());
        long delta = lastMicrojoules < 0 ? 0 : now - lastMicrojoules;
        if (delta < 0) {
            delta = maxRangeMicrojoules > 0 ? delta + maxRangeMicrojoules : 0;
        }
        lastMicrojoules = now;
        return Math.max(0, delta) / 1e6;
    }
}
