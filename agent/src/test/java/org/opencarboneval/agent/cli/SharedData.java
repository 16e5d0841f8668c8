package org.opencarboneval.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only data beside the checkout ({@code ../shared/data}) that DESIGN.md lets tests read. */
final class SharedData {

    private SharedData() {
    }

    static Path file(String relative) {
        String root = System.getProperty("oce.shared.data", "../shared/data");
        Path path = Path.of(root, relative);
        if (!Files.isReadable(path)) {
            throw new AssertionError("test data " + path + " is missing: the tests expect ../shared beside the checkout");
        }
        return path;
    }
}
