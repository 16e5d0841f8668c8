package org.opencarboneval.agent.config;

import java.nio.file.Path;
import java.util.Optional;

import org.opencarboneval.calibration.Calibration;

/** The a-priori estimate's calibration from the agent's settings, read once at the start. */
public final class CalibrationSetting {

    private CalibrationSetting() {
    }

    /**
     * The file {@code calibration} names (your runs' fit from {@code calibrate --ledgers}), else the bundled
     * calibration.
     *
     * @throws SettingsException naming the file when it cannot be read or is not a calibration
     */
    public static Calibration of(AgentSettings settings) throws SettingsException {
        Optional<String> file = settings.text(SettingKey.CALIBRATION);
        if (file.isEmpty()) {
            return Calibration.bundled();
        }
        try {
            return Calibration.read(Path.of(file.get()));
        } catch (RuntimeException e) {
            throw new SettingsException("calibration='" + file.get() + "': " + e.getMessage());
        }
    }
}
