package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.opencarboneval.agent.runtime.Components;

/**
 * Where an earlier attempt of the same run stopped: its last sample (or end) record in the ledger's tail, whatever
 * other runs wrote after it (processes of an unrecognised launcher, or a sweep, sharing one ledger); damaged lines
 * (a line cut off by a kill, or anything else that is not a record within the ledger's limits) are skipped with one
 * warning. Only the tail is read, and only a regular file that is not a link: anything else (no file yet, a pipe, a
 * device) resumes nothing, without being opened. An attempt that finds nothing there starts from zero, and says so
 * in its start record ({@code resumed: false}), which is how {@code report} adds the attempts before it.
 */
public record ResumePoint(long sequence, double elapsedSeconds, long steps, long stepsTrained, long samples,
        long epochs, Components energyJoules, double co2eGrams, double gpuSeconds, OptionalLong totalSteps) {

    /** More than enough for the last few records, which are a few hundred bytes each. */
    private static final int TAIL_BYTES = 64 * 1024;

    public static Optional<ResumePoint> find(Path ledger, String runId, Consumer<String> warnings) throws IOException {
        if (!LedgerFile.isResumable(ledger)) {
            return Optional.empty();
        }
        List<String> lines = LedgerLines.tail(ledger, TAIL_BYTES);
        DamagedLines damaged = new DamagedLines(ledger);
        Optional<LedgerSample> last = Optional.empty();
        int fromEnd = 0;
        for (int i = lines.size() - 1; i >= 0 && last.isEmpty(); i--) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            fromEnd++;
            try {
                last = LedgerSample.of(LedgerRecord.read(lines.get(i))).filter(s -> runId.equals(s.runId()));
            } catch (IllegalArgumentException damage) {
                damaged.add(fromEnd == 1 ? "the last line" : "line " + fromEnd + " from the end", damage.getMessage());
            }
        }
        damaged.summary().ifPresent(warnings);
        return last.map(ResumePoint::of);
    }

    private static ResumePoint of(LedgerSample sample) {
        return new ResumePoint(sample.sequence(), sample.elapsedSeconds(), sample.steps(), sample.stepsTrained(),
            sample.samples(), sample.epochs(), sample.energyJoules(), sample.co2eGrams(), sample.gpuSeconds().orElse(0),
            sample.totalSteps());
    }
}
