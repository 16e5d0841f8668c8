package org.opencarboneval.agent.grid;

import java.time.Instant;

/** A source of the grid's intensity over time, polled on the agent's own thread, never on the sampling path. */
public interface IntensityProvider {

    /** What {@code intensity=} names, for messages and {@code oce_agent_info}, e.g. "electricitymaps DE". */
    String describe();

    /** One poll; a failure of any kind (HTTP status, timeout, malformed answer) is an {@link IntensityException}. */
    ProviderAnswer fetch(Instant now) throws IntensityException;

    /** Whether the values are the user's own file rather than a provider's. */
    default boolean isFile() {
        return false;
    }
}
