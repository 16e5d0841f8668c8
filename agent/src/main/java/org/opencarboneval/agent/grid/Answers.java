package org.opencarboneval.agent.grid;

import java.util.function.Supplier;

/** Reading the fields of a provider's answer: a missing or mistyped field is a malformed answer, said with its path. */
final class Answers {

    private Answers() {
    }

    /** @param read throws {@link IllegalArgumentException} (as the JSON reader and the timeline do) when malformed */
    static <T> T read(String provider, String path, Supplier<T> read) throws IntensityException {
        try {
            return read.get();
        } catch (IllegalArgumentException malformed) {
            throw new IntensityException(provider + " sent a malformed answer for " + path + ": "
                + malformed.getMessage());
        }
    }
}
