package org.opencarboneval.calibration;

import java.util.List;

/** A hardware or region name that the catalogue does not know; the message lists the closest known names. */
public final class UnknownNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> closest;

    public UnknownNameException(String what, String name, List<String> closest) {
        super("unknown " + what + " '" + name + "'; closest known: " + String.join(", ", closest));
        this.closest = List.copyOf(closest);
    }

    public List<String> closest() {
        return closest;
    }
}
