package org.opencarboneval.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The RAPL counters under a powercap root: every package zone ({@code intel-rapl:N}, named {@code package-N}) and
 * every zone or subzone named {@code dram}. AMD's Zen driver publishes the same {@code intel-rapl} layout.
 */
final class Rapl {

    static final String NOT_ROOT = "RAPL not readable (root only since kernel 5.10)";

    private final List<RaplZone> packages;
    private final List<RaplZone> dram;
    private final String problem;

    private Rapl(List<RaplZone> packages, List<RaplZone> dram, String problem) {
        this.packages = packages;
        this.dram = dram;
        this.problem = problem;
    }

    /** Finds the zones and takes the baseline reading; {@link #problem()} says why RAPL cannot be used. */
    static Rapl open(Path root) {
        return open(root, SysfsReader.FILES);
    }

    static Rapl open(Path root, SysfsReader reader) {
        List<RaplZone> packages = new ArrayList<>();
        List<RaplZone> dram = new ArrayList<>();
        // a file system root has no file name
        try (Stream<Path> zones = Files.find(root, 2, (path, attributes) -> attributes.isDirectory()
                && String.valueOf(path.getFileName()).startsWith("intel-rapl:"), FileVisitOption.FOLLOW_LINKS)) {
            Set<Path> seen = new HashSet<>();
            for (Path directory : zones.sorted().toList()) {
                // sysfs lists subzones both at the top and inside their parent (symlinks): count each once
                if (!seen.add(directory.toRealPath())) {
                    continue;
                }
                RaplZone zone = RaplZone.open(directory, reader);
                if (zone.name().startsWith("package")) {
                    packages.add(zone);
                } else if (zone.name().equals("dram")) {
                    dram.add(zone);
                }
            }
            if (packages.isEmpty()) {
                return unusable("no RAPL package zone under " + root);
            }
            Rapl rapl = new Rapl(List.copyOf(packages), List.copyOf(dram), "");
            rapl.advancePackages();
            rapl.advanceDram();
            return rapl;
        } catch (NoSuchFileException absent) {
            return unusable("no RAPL (" + root + " absent)");
        } catch (AccessDeniedException denied) {
            return unusable(NOT_ROOT);
        } catch (IOException | UncheckedIOException | NumberFormatException unreadable) {
            return unusable("RAPL unreadable: " + unreadable.getMessage());
        }
    }

    static Rapl unusable(String problem) {
        return new Rapl(List.of(), List.of(), problem);
    }

    boolean usable() {
        return problem.isEmpty();
    }

    /** Empty when RAPL works; otherwise one line saying why not. */
    String problem() {
        return problem;
    }

    boolean hasDram() {
        return !dram.isEmpty();
    }

    /** CPU package joules since the previous call, summed over sockets. */
    double advancePackages() throws IOException {
        return advance(packages);
    }

    /** DRAM joules since the previous call. */
    double advanceDram() throws IOException {
        return advance(dram);
    }

    private static double advance(List<RaplZone> zones) throws IOException {
        double joules = 0;
        for (RaplZone zone : zones) {
            joules += zone.advance();
        }
        return joules;
    }
}
