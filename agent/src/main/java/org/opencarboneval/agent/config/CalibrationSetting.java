package org.opencarboneval.agent.config;

import java.nio.file.Path;
import java.util.Optional;

import org.opencarboneval.calibration.Calibration;

/** The a-priori estimate's calibration from the agent's settings, read and checked before the agent starts. */
public final class CalibrationSetting {

    private CalibrationSetting() {
    }

    /**
     * The calibration the file {@code calibration} names (your runs' fit from {@code calibrate --ledgers}); empty
     * when none is named, for the bundled one, which is parsed later, off the application's start.
     *
     * @throws SettingsException naming the file when it cannot be read or is not a calibration
     */
    public static Optional<Calibration> of(AgentSettings settings) throws SettingsException {
        Optional<String> file = settings.text(SettingKey.CALIBRATION);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SettingFile.read("calibration", file.get(), () -> Calibration.read(Path.of(file.get())),
            e -> "calibration: " + e.getMessage()));
    }
}
