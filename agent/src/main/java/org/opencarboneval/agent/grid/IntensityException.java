package org.opencarboneval.agent.grid;

import java.time.Duration;
import java.util.Optional;

/** A provider's answer could not be had or read; the message says which provider, what and why, in one line. */
public final class IntensityException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    /** Seconds of the provider's {@code Retry-After}; -1 for none. */
    private final long retryAfterSeconds;

    public IntensityException(String message) {
        this(message, -1, Optional.empty());
    }

    IntensityException(String message, int httpStatus, Optional<Duration> retryAfter) {
        super(message);
        this.httpStatus = httpStatus;
        this.retryAfterSeconds = retryAfter.map(Duration::getSeconds).orElse(-1L);
    }

    /** How long the provider asked to be left alone (its {@code Retry-After}, in seconds), if it did. */
    Optional<Duration> retryAfter() {
        return retryAfterSeconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(retryAfterSeconds));
    }

    /** Whether the provider refused the credentials or the plan (HTTP 401 or 403). */
    boolean refused() {
        return httpStatus == 401 || httpStatus == 403;
    }

    boolean unauthorized() {
        return httpStatus == 401;
    }
}
