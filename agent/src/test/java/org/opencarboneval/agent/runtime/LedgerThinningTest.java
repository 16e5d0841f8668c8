package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LedgerThinningTest {

    /** One sample a minute of a run sampled every second, and the samples where epochs 1 and 2 were seen ended. */
    @Test
    void oneSampleAnIntervalAndEveryEpochsEnd() {
        LedgerThinning thinning = new LedgerThinning(Duration.ofSeconds(60));
        List<Integer> written = new ArrayList<>();
        for (int second = 0; second <= 150; second++) {
            long epochs = second < 75 ? 0 : second < 80 ? 1 : 2;
            if (thinning.write(second, 10L * second, epochs, false)) {
                written.add(second);
            }
        }
        assertEquals(List.of(0, 60, 75, 80, 140), written);
    }

    /**
     * A resumed attempt's first sample (always written) has the ledger's count; once the restored model says it is
     * behind, the count drops, within an epoch: that sample is written, so that a replay sees the restore.
     */
    @Test
    void aSampleWhoseStepsWentBackIsWritten() {
        LedgerThinning thinning = new LedgerThinning(Duration.ofSeconds(60));
        assertEquals(true, thinning.write(0, 1200, 5, false));
        assertEquals(false, thinning.write(10, 1200, 5, false));
        assertEquals(true, thinning.write(20, 1000, 5, false), "back from the 1200 written");
        assertEquals(false, thinning.write(30, 1020, 5, false));
    }

    @Test
    void zeroWritesEverySample() {
        LedgerThinning thinning = new LedgerThinning(Duration.ZERO);
        for (int second = 0; second < 5; second++) {
            assertEquals(true, thinning.write(second, second, 0, false));
        }
    }
}
