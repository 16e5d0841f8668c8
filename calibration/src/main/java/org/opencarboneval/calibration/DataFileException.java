package org.opencarboneval.calibration;

/** A data file that cannot be used as it is; the message names the file, the line and what is wrong. */
public final class DataFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataFileException(String origin, int line, String problem) {
        super(origin + ", line " + line + ": " + problem);
    }
}
