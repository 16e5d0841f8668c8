package org.opencarboneval.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LedgerThinningTest {

    /** One sample a minute of a run sampled every second, and the samples where epochs 1 and 2 were seen ended. */
    @Test
    void oneSampleAnIntervalAndEveryEpochsEnd() {
        LedgerThinning thinning = LedgerThinning.every(Duration.ofSeconds(60));
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
        LedgerThinning thinning = LedgerThinning.every(Duration.ofSeconds(60));
        assertEquals(true, thinning.write(0, 1200, 5, false));
        assertEquals(false, thinning.write(10, 1200, 5, false));
        assertEquals(true, thinning.write(20, 1000, 5, false), "back from the 1200 written");
        assertEquals(false, thinning.write(30, 1020, 5, false));
    }

    /**
     * The default, two weeks sampled every second: every sample for the first 10,000 s, then gaps that grow with the
     * run, a minute at most; an epoch's end is still written; once the gaps reach the ledger's flush interval (5 s),
     * each written sample is flushed at once.
     */
    @Test
    void theDefaultSpacingGrowsWithTheRun() {
        LedgerThinning thinning = LedgerThinning.growing();
        int written = 0;
        long lastWritten = 0;
        long widestGap = 0;
        boolean epochsEndWritten = false;
        long firstFlushedAtOnce = -1;
        for (long second = 0; second <= 14 * 86_400; second++) {
            long epochs = second < 500_000 ? 0 : 1;
            if (thinning.write(second, second, epochs, false)) {
                written++;
                widestGap = Math.max(widestGap, second - lastWritten);
                boolean atOnce = thinning.writtenAfterAGapOf(Duration.ofSeconds(5));
                assertEquals(second > 10_000 && second - lastWritten >= 5, atOnce, "at " + second);
                if (atOnce && firstFlushedAtOnce < 0) {
                    firstFlushedAtOnce = second;
                }
                epochsEndWritten |= second == 500_000;
                lastWritten = second;
            }
            if (second == 10_000) {
                assertEquals(10_001, written, "every sample while the run is young");
            }
            if (second == 86_400) {
                assertEquals(27_890, written, 30, "a day");
            }
        }
        assertEquals(56_958, written, 30, "two weeks: a twentieth of the 1.2 million samples");
        assertEquals(60, widestGap);
        assertTrue(firstFlushedAtOnce > 40_000 && firstFlushedAtOnce <= 50_000, "where the spacing nears 5 s: "
            + firstFlushedAtOnce);
        assertTrue(epochsEndWritten, "the epoch's end, before the spacing's 50 s passed");
    }

    /**
     * While the file refuses writes, one sample in ten minutes waits for it, and each epoch's end; once it takes them
     * (at 1700 s, after the sample was judged), it is given that sample at once, and the minute counts from there.
     */
    @Test
    void whileTheFileRefusesOneSampleInTenMinutesWaits() {
        LedgerThinning thinning = LedgerThinning.every(Duration.ofSeconds(60));
        List<Integer> written = new ArrayList<>();
        for (int second = 0; second <= 2000; second++) {
            long epochs = second < 1500 ? 0 : 1;
            if (thinning.write(second, second, epochs, second <= 1700)) {
                written.add(second);
            }
            if (second == 1700) {
                thinning.written(second, second, epochs);
                written.add(second);
            }
        }
        assertEquals(List.of(0, 600, 1200, 1500, 1700, 1760, 1820, 1880, 1940, 2000), written);
    }

    @Test
    void zeroWritesEverySample() {
        LedgerThinning thinning = LedgerThinning.every(Duration.ZERO);
        for (int second = 0; second < 5; second++) {
            assertEquals(true, thinning.write(second, second, 0, false));
        }
    }
}
