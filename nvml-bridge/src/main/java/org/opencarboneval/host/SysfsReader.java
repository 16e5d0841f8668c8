package org.opencarboneval.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one sysfs file. A seam, so tests can fail a read as the kernel fails it for an unprivileged user. */
interface SysfsReader {

    SysfsReader FILES = Files::readString;

    String read(Path file) throws IOException;
}
