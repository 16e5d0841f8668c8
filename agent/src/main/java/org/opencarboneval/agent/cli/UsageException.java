package org.opencarboneval.agent.cli;

/** Bad command-line input; the message names the bad value and what is accepted. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
