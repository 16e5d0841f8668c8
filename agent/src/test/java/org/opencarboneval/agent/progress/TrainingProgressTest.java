package org.opencarboneval.agent.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.hook.TrainingHooks;

/** The hooks' counters are global, so these tests measure steps relative to where each test starts. */
class TrainingProgressTest {

    private final TrainingProgress progress = new TrainingProgress(false, OptionalLong.empty(), OptionalLong.empty());
    private final long start = progress.steps();

    @Test
    void dl4jTotalIsEpochsTimesBatchesFromTheIterator() {
        progress.fitEntered("dl4j", 3, new SizedIterator(1000, 50));

        assertEquals(Optional.of(new TotalSteps(start + 60, "dl4j.fit x dl4j data size")), progress.total());
        assertEquals(50, TrainingHooks.batchSize);
    }

    @Test
    void dl4jBatchesPerEpochAreLearntFromTheFirstEpochWhenTheIteratorCannotSay() {
        Object iterator = new UnsizedIterator();
        progress.fitEntered("dl4j", 4, iterator);
        runEpoch(iterator, 7);

        assertEquals(Optional.of(new TotalSteps(start + 28, "dl4j.fit x learnt from epoch 1")), progress.total());
        runEpoch(iterator, 7);
        progress.fitExited();
        assertEquals(2, progress.epochs());
    }

    @Test
    void nestedFitCallsAreOneEpoch() {
        Object iterator = new UnsizedIterator();
        progress.epochEntered(iterator);
        progress.epochEntered(iterator);
        steps(5);
        progress.epochExited();
        progress.epochExited();

        assertEquals(1, progress.epochs());
    }

    @Test
    void djlEpochsAreTheTrainingDataPassesAndValidationPassesAreIgnored() {
        Object training = new Object();
        Object validation = new Object();
        progress.fitEntered("djl", 2, training);
        progress.datasetIterated(training);
        steps(10);
        progress.datasetIterated(validation);
        progress.datasetIterated(training);

        assertEquals(1, progress.epochs());
        assertEquals(Optional.of(new TotalSteps(start + 20, "djl.fit x learnt from epoch 1")), progress.total());
        steps(10);
        progress.fitExited();
        assertEquals(2, progress.epochs());
    }

    @Test
    void configuredTotalStepsWin() {
        TrainingProgress configured = new TrainingProgress(false, OptionalLong.of(5000), OptionalLong.empty());
        configured.fitEntered("dl4j", 3, new SizedIterator(1000, 50));

        assertEquals(Optional.of(new TotalSteps(5000, "config")), configured.total());
    }

    @Test
    void configuredEpochsTimesLearntBatchesWhenNoFitDeclaresEpochs() {
        TrainingProgress configured = new TrainingProgress(false, OptionalLong.empty(), OptionalLong.of(10));
        Object iterator = new UnsizedIterator();
        configured.epochEntered(iterator);
        steps(6);
        configured.epochExited();

        assertEquals(Optional.of(new TotalSteps(60, "total.epochs x learnt from epoch 1")), configured.total());
    }

    @Test
    void withoutAnyTotalTheTotalIsUnknown() {
        steps(3);
        assertTrue(progress.total().isEmpty());
        assertEquals(start + 3, progress.steps());
    }

    @Test
    void resumedCountsAreAdded() {
        progress.resumeFrom(new TrainingProgress.Counts(1000, 50000, 3));

        assertEquals(start + 1000, progress.steps());
        assertEquals(3, progress.epochs());
    }

    private void runEpoch(Object iterator, int batches) {
        progress.epochEntered(iterator);
        steps(batches);
        progress.epochExited();
    }

    private static void steps(int count) {
        for (int i = 0; i < count; i++) {
            TrainingHooks.frameworkStep();
        }
    }

    /** Like DL4J's ListDataSetIterator: knows its size. */
    public static final class SizedIterator {
        private final int examples;
        private final int batch;

        SizedIterator(int examples, int batch) {
            this.examples = examples;
            this.batch = batch;
        }

        public int totalExamples() {
            return examples;
        }

        public int batch() {
            return batch;
        }
    }

    /** Like most DL4J iterators: cannot say. */
    public static final class UnsizedIterator {
        public int totalExamples() {
            throw new UnsupportedOperationException();
        }
    }
}
