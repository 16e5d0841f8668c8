package org.opencarboneval.agent;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.opencarboneval.calibration.Calibration;

/** Writes a calibration file as {@code calibrate --ledgers --out} does: the bundled fit and one measured device. */
public final class MeasuredCalibration {

    private MeasuredCalibration() {
    }

    public static Path write(Path file, String hardwareId, double tflopsPerDevice, double wattsPerDevice)
            throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            Calibration.bundled().withMeasured(Map.of(hardwareId,
                new Calibration.Measured(hardwareId, tflopsPerDevice, wattsPerDevice, 2, 1))).write(out, "test");
        }
        return file;
    }
}
