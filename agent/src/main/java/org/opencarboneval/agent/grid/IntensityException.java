package org.opencarboneval.agent.grid;

/** A provider's answer could not be had or read; the message says which provider, what and why, in one line. */
public final class IntensityException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    public IntensityException(String message) {
        this(message, -1);
    }

    IntensityException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    /** Whether the provider refused the credentials or the plan (HTTP 401 or 403). */
    boolean refused() {
        return httpStatus == 401 || httpStatus == 403;
    }

    boolean unauthorized() {
        return httpStatus == 401;
    }
}
