package org.opencarboneval.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, as a user's browser: loads a page, lets its scripts run for a few seconds of virtual
 * time (network waits do not count), then prints the live DOM or takes a screenshot. A fresh profile each time and
 * every background service off, so it talks to nothing but the page.
 */
final class Chromium {

    /** Virtual time for the page's scripts: its first poll is immediate, then one a second. */
    private static final int SCRIPT_MILLIS = 3000;

    private final Path program;

    private Chromium(Path program) {
        this.program = program;
    }

    static Chromium required() {
        return new Chromium(HostTool.required("chromium", "chromium"));
    }

    /** The page's DOM after its scripts ran. */
    String dumpDom(URI page, String name) throws IOException, InterruptedException {
        Path dom = TrainingJvm.workFile(name + ".html");
        run(page, name, dom, "--dump-dom");
        return Files.readString(dom);
    }

    void screenshot(URI page, String name, Path png) throws IOException, InterruptedException {
        screenshot(page, name, png, 900);
    }

    /** A screenshot 1280 pixels wide and {@code height} high, for a page longer than a screen. */
    void screenshot(URI page, String name, Path png, int height) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(page, name, null, "--hide-scrollbars", "--window-size=1280," + height, "--screenshot=" + png);
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("Chromium wrote no screenshot; its log:\n"
                + TrainingJvm.read(TrainingJvm.workFile(name + ".log")));
        }
    }

    private void run(URI page, String name, Path stdout, String... extra) throws IOException, InterruptedException {
        Path profile = fresh(TrainingJvm.workFile(name + "-profile"));
        Path log = TrainingJvm.workFile(name + ".log");
        List<String> command = new ArrayList<>(List.of(program.toString(), "--headless", "--no-sandbox",
            "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
            "--virtual-time-budget=" + SCRIPT_MILLIS));
        command.addAll(List.of(extra));
        command.add(page.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.redirectOutput(stdout == null ? log.resolveSibling(name + ".out").toFile() : stdout.toFile());
        Process chromium = builder.start();
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("Chromium did not finish in 2 minutes; its log:\n" + TrainingJvm.read(log));
        }
        if (chromium.exitValue() != 0) {
            throw new AssertionError("Chromium exited with " + chromium.exitValue() + "; its log:\n"
                + TrainingJvm.read(log));
        }
    }

    private static Path fresh(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(directory);
    }
}
