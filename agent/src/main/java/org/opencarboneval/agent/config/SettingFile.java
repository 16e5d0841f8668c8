package org.opencarboneval.agent.config;

import java.util.concurrent.Callable;
import java.util.function.Function;

import org.opencarboneval.agent.thread.Bounded;

/**
 * A file a setting names, read before the run on the application's thread, within {@link Bounded#BEFORE_THE_RUN}:
 * one that does not read in time, or cannot be read, is a {@link SettingsException}, which keeps the agent off in one
 * line instead of holding up the application's start.
 */
final class SettingFile {

    private SettingFile() {
    }

    /** {@code read}'s result; {@code cannotRead} words a read that failed. */
    static <T> T read(String setting, String path, Callable<T> read, Function<Exception, String> cannotRead)
            throws SettingsException {
        try {
            return Bounded.call("opencarboneval-" + setting, Bounded.BEFORE_THE_RUN, read);
        } catch (Bounded.TimedOut slow) {
            throw new SettingsException(setting + "='" + path + "' was not read " + slow.within()
                + "; expected a file that reads at once");
        } catch (Exception e) {
            throw new SettingsException(cannotRead.apply(e));
        }
    }
}
