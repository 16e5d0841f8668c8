package org.opencarboneval.agent.config;

/** A setting the agent cannot use; the message names the key, the value and what is accepted. */
public final class SettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
