package org.opencarboneval.nvml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The fake libnvidia-ml.so.1 the build compiles from src/test/c/fake_nvml.c. The library re-reads the script named by
 * FAKE_NVML_SCRIPT at every nvmlInit, and that variable is set in this very process through libc's setenv, so each
 * test scripts its own scenario in one JVM.
 */
final class FakeNvml {

    static final String FULL = "full";
    static final String NO_V3 = "no-v3";
    static final String CC_ROWS = "cc-rows";

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** The fake's test-only export, loaded from the same file as the binding, hence the same library state. */
    private interface Control extends Library {
        int fake_nvml_init_balance();
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private FakeNvml() {
    }

    static Path library(String variant) {
        return Path.of(System.getProperty("fake.nvml.dir", "target/fake-nvml"), variant, "libnvidia-ml.so.1");
    }

    /** Writes the scenario to {@code directory/script.txt} and points the fake library at it. */
    static void script(Path directory, String... lines) {
        Path file = directory.resolve("script.txt");
        try {
            Files.write(file, List.of(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LIBC.setenv("FAKE_NVML_SCRIPT", file.toString(), 1);
    }

    /** Successful nvmlInit calls minus nvmlShutdown calls so far in this JVM. */
    static int initBalance(String variant) {
        return Native.load(library(variant).toString(), Control.class).fake_nvml_init_balance();
    }

    static NvmlOptions options(String variant, long pid, Map<String, String> environment) {
        return new NvmlOptions(Optional.of(library(variant).toString()), environment, pid);
    }

    static NvmlOptions options(String variant) {
        return options(variant, 100, Map.of());
    }

    /** A monotonic clock the test moves by hand, so power integration is exact. */
    static final class ManualClock implements LongSupplier {
        private long nanos = 1_000_000_000L;

        void advanceSeconds(double seconds) {
            nanos += (long) (seconds * 1e9);
        }

        @Override
        public long getAsLong() {
            return nanos;
        }
    }
}
