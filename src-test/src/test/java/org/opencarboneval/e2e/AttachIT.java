package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code attach <pid>} into a training JVM that is already running: it counts exactly the steps from then on. */
@Timeout(300)
class AttachIT {

    @ParameterizedTest
    @CsvSource({"dl4j, org.opencarboneval.examples.dl4j.Dl4jTraining",
        "djl, org.opencarboneval.examples.djl.OwnLibrariesTraining"})
    void countsTheStepsAfterAttaching(String example, String main) throws Exception {
        Path ledger = TrainingJvm.workFile("attach-" + example + ".jsonl");
        Files.deleteIfExists(ledger);
        TrainingJvm training = TrainingJvm.startExample("attach-" + example, example, main, null, "5", "1000", "50", "2");
        String paused = training.awaitStdout(out -> out.contains("paused after epoch 2"));
        long before = TrainingJvm.printed(paused, "paused after epoch 2 at step");

        TrainingJvm attach = TrainingJvm.startCli("attach-cli-" + example, "attach", Long.toString(training.pid()),
            "ledger=" + ledger + ",run_id=attached");
        assertEquals(0, attach.finish(), attach.stderr());
        assertTrue(attach.stdout().startsWith("attached to " + training.pid()), attach.stdout());
        training.sendLine();
        assertEquals(0, training.finish(), training.stderr());

        long total = TrainingJvm.printed(training.stdout(), "steps");
        Map<String, Object> end = Ledger.read(ledger).end();
        assertEquals(total - before, Ledger.whole(end, "steps"), "steps after the attach");
        assertEquals(total - before, Ledger.whole(end, "total_steps"), "the second fit's epochs x batches");
    }
}
