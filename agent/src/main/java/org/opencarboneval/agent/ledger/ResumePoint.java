package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.opencarboneval.agent.runtime.Components;

/**
 * Where an earlier attempt of the same run stopped: its last sample (or end) record in the ledger. A run resumes only
 * when the ledger's last record carries its {@code run_id}; a cut-off or corrupt last line is skipped. Only the
 * ledger's tail is read, and only a regular file: anything else (no file yet, a device) resumes nothing.
 */
public record ResumePoint(long sequence, double elapsedSeconds, long steps, long samples, long epochs,
        Components energyJoules, double co2eGrams) {

    /** More than enough for the last few records, which are a few hundred bytes each. */
    private static final int TAIL_BYTES = 64 * 1024;

    public static Optional<ResumePoint> find(Path ledger, String runId) throws IOException {
        if (!Files.isRegularFile(ledger)) {
            return Optional.empty();
        }
        List<String> lines = LedgerLines.tail(ledger, TAIL_BYTES);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Optional<LedgerSample> sample = LedgerSample.parse(lines.get(i));
            if (sample.isPresent()) {
                return runId.equals(sample.get().runId()) ? Optional.of(of(sample.get())) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static ResumePoint of(LedgerSample sample) {
        return new ResumePoint(sample.sequence(), sample.elapsedSeconds(), sample.steps(), sample.samples(),
            sample.epochs(), sample.energyJoules(), sample.co2eGrams());
    }
}
