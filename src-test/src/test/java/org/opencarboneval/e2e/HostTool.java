package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A program from the machine the tests need (Prometheus, promtool, Chromium, gcc). CI installs them all, so there a
 * missing one fails the test; elsewhere the test is skipped with a line saying what to install.
 */
final class HostTool {

    private HostTool() {
    }

    static Path required(String program, String debianPackage) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(directory -> Path.of(directory, program))
            .filter(Files::isExecutable)
            .findFirst();
        String missing = program + " is not on PATH: install Debian's " + debianPackage
            + " (apt-get install -y --no-install-recommends " + debianPackage + "); CI installs it";
        if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail(missing);
        }
        assumeTrue(found.isPresent(), missing);
        return found.get();
    }
}
