package org.opencarboneval.agent.ledger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The damaged lines a read skipped (cut off by a kill, a crash or a full disk, or not a record at all), told as one
 * line: how many, and where and why the first was.
 */
final class DamagedLines {

    private final Path ledger;
    private long count;
    private String first;

    DamagedLines(Path ledger) {
        this.ledger = ledger;
    }

    /** One more damaged line: where it is (e.g. "line 12") and what is wrong with it. */
    void add(String where, String problem) {
        if (count++ == 0) {
            first = where + ": " + problem;
        }
    }

    long count() {
        return count;
    }

    /** Empty when no line was damaged. */
    Optional<String> summary() {
        return count == 0 ? Optional.empty() : Optional.of("skipped " + count + " damaged line"
            + (count == 1 ? "" : "s") + " of the ledger " + ledger + " (" + first + ")");
    }
}
