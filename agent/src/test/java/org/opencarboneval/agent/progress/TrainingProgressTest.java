package org.opencarboneval.agent.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.hook.FrameworkSteps;
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
        FrameworkSteps.train(5);
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
        FrameworkSteps.train(10);
        progress.datasetIterated(validation);
        progress.datasetIterated(training);

        assertEquals(1, progress.epochs());
        assertEquals(Optional.of(new TotalSteps(start + 20, "djl.fit x learnt from epoch 1")), progress.total());
        FrameworkSteps.train(10);
        progress.fitExited();
        assertEquals(2, progress.epochs());
    }

    /**
     * A job that calls fit an epoch at a time (or a checkpoint's worth, or in phases) has a total no fit tells: the
     * first fit's stands while it is the only one, then the total is unknown, said once, unless one is configured.
     */
    @Test
    void aSecondFitMakesTheTotalUnknownUnlessConfigured() {
        List<String> notices = new ArrayList<>();
        TrainingProgress inTurn = sayingTo(notices);
        long from = inTurn.steps();
        Object iterator = new SizedIterator(1000, 50);
        inTurn.fitEntered("dl4j", 1, iterator);
        assertEquals(Optional.of(new TotalSteps(from + 20, "dl4j.fit x dl4j data size")), inTurn.total());
        FrameworkSteps.train(20);
        inTurn.fitExited();
        for (int epoch = 1; epoch < 3; epoch++) {
            inTurn.fitEntered("dl4j", 1, iterator);
            assertEquals(Optional.empty(), inTurn.total(), "epoch " + (epoch + 1) + " of a fit(iterator, 1) loop");
            FrameworkSteps.train(20);
            inTurn.fitExited();
        }
        assertEquals(List.of("a second dl4j fit began at step " + (from + 20) + ": the epochs one fit is given are not"
            + " the run's, so its total steps are unknown and there is no forecast; give total.steps (or total.epochs,"
            + " the run's epochs in all, where every fit trains on the same data)"), notices);

        List<String> quiet = new ArrayList<>();
        TrainingProgress configured = new TrainingProgress(false, OptionalLong.empty(), OptionalLong.of(10),
            quiet::add);
        for (int epoch = 0; epoch < 2; epoch++) {
            configured.fitEntered("dl4j", 1, iterator);
            FrameworkSteps.train(20);
            configured.fitExited();
        }
        assertEquals(Optional.of(new TotalSteps(200, "total.epochs x dl4j data size")), configured.total());
        assertEquals(List.of(), quiet);
    }

    /**
     * DL4J's fit(iterator) after a fit(iterator, epochs) is a second fit; a loop of fit(iterator) alone (or the epochs
     * of a fit an attach came in the middle of) declares nothing and says nothing.
     */
    @Test
    void aFitOfOneEpochAfterADeclaringFitIsASecondFitAndAloneItSaysNothing() {
        List<String> notices = new ArrayList<>();
        TrainingProgress afterFit = sayingTo(notices);
        long from = afterFit.steps();
        Object iterator = new SizedIterator(1000, 50);
        afterFit.fitEntered("dl4j", 2, iterator);
        runEpochOf(afterFit, iterator, 20);
        runEpochOf(afterFit, iterator, 20);
        afterFit.fitExited();
        assertEquals(Optional.of(new TotalSteps(from + 40, "dl4j.fit x dl4j data size")), afterFit.total());
        runEpochOf(afterFit, iterator, 20);
        assertEquals(Optional.empty(), afterFit.total());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("a second dl4j fit began at step " + (from + 40) + ": "), notices.get(0));

        List<String> quiet = new ArrayList<>();
        TrainingProgress loop = sayingTo(quiet);
        for (int epoch = 0; epoch < 3; epoch++) {
            runEpochOf(loop, iterator, 20);
        }
        assertEquals(Optional.empty(), loop.total());
        assertEquals(3, loop.epochs());
        assertEquals(List.of(), quiet);
    }

    /** One DL4J fit(iterator): an epoch of {@code batches} steps. */
    private static void runEpochOf(TrainingProgress progress, Object iterator, int batches) {
        progress.epochEntered(iterator);
        FrameworkSteps.train(batches);
        progress.epochExited();
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
        FrameworkSteps.train(6);
        configured.epochExited();

        assertEquals(Optional.of(new TotalSteps(60, "total.epochs x learnt from epoch 1")), configured.total());
    }

    @Test
    void withoutAnyTotalTheTotalIsUnknown() {
        FrameworkSteps.train(3);
        assertTrue(progress.total().isEmpty());
        assertEquals(start + 3, progress.steps());
    }

    @Test
    void resumedCountsAreAdded() {
        progress.resumeFrom(new TrainingProgress.Counts(1000, 50000, 3), OptionalLong.empty());

        assertEquals(start + 1000, progress.steps());
        assertEquals(3, progress.epochs());
    }

    /**
     * A resumed attempt whose data set cannot say its size has the total the ledger's last sample knew until a fit of
     * its own declares one (at its first epoch's end); a second fit then leaves it unknown, as without a resume.
     */
    @Test
    void aResumedAttemptHasTheLedgersTotalUntilAFitDeclaresOne() {
        List<String> notices = new ArrayList<>();
        TrainingProgress resumed = sayingTo(notices);
        long from = resumed.steps();
        resumed.resumeFrom(new TrainingProgress.Counts(1000, 0, 5), OptionalLong.of(2000));
        Object iterator = new UnsizedIterator();
        resumed.fitEntered("dl4j", 5, iterator);
        assertEquals(Optional.of(new TotalSteps(2000, "ledger")), resumed.total(), "the size unknown as yet");
        runEpochOf(resumed, iterator, 200);
        assertEquals(Optional.of(new TotalSteps(from + 1000 + 5 * 200, "dl4j.fit x learnt from epoch 1")),
            resumed.total(), "its own fit's, once it has seen an epoch");
        resumed.fitExited();
        resumed.fitEntered("dl4j", 1, iterator);
        assertEquals(Optional.empty(), resumed.total(), "a second fit: unknown, not the ledger's again");
        assertEquals(1, notices.size(), notices.toString());
    }

    @Test
    void aModelRestoredBehindTheLedgerSetsThePositionAndTheRedoneStepsCountOnce() {
        List<String> notices = new ArrayList<>();
        TrainingProgress configured = new TrainingProgress(false, OptionalLong.empty(), OptionalLong.of(10),
            notices::add);
        configured.resumeFrom(new TrainingProgress.Counts(1200, 60000, 6), OptionalLong.empty());
        long samplesBefore = TrainingHooks.SAMPLES.get();
        configured.modelEntered(new RestoredModel(1000, 5));
        configured.fitEntered("dl4j", 5, new SizedIterator(10000, 50));
        FrameworkSteps.train(30);

        assertEquals(1030, configured.steps(), "the checkpoint's 1000 steps, then the 30 done since");
        assertEquals(5, configured.epochs());
        assertEquals(50000 + TrainingHooks.SAMPLES.get() - samplesBefore, configured.samples(),
            "the ledger's samples in the share of its steps the checkpoint has, then those since");
        assertEquals(Optional.of(new TotalSteps(2000, "total.epochs x dl4j data size")), configured.total());
        assertEquals(List.of("resumed from a checkpoint at step 1000 (epoch 5); the ledger had counted 1200, so the "
            + "200 steps since the checkpoint are being redone and count once"), notices);
    }

    @Test
    void theLedgerMayArriveAfterTheModelAndTheOpenFitMovesWithIt() {
        List<String> notices = new ArrayList<>();
        TrainingProgress progress = sayingTo(notices);
        progress.modelEntered(new RestoredModel(1000, 5));
        progress.fitEntered("dl4j", 5, new SizedIterator(10000, 50));
        FrameworkSteps.train(30);
        progress.resumeFrom(new TrainingProgress.Counts(1200, 0, 6), OptionalLong.empty());

        assertEquals(1030, progress.steps());
        assertEquals(Optional.of(new TotalSteps(2000, "dl4j.fit x dl4j data size")), progress.total(),
            "five more epochs from the checkpoint");
        assertEquals(1, notices.size());
    }

    @Test
    void aFreshModelOrOneAheadOfTheLedgerKeepsTheLedgersCounts() {
        for (RestoredModel model : List.of(new RestoredModel(0, 0), new RestoredModel(5000, 20))) {
            List<String> notices = new ArrayList<>();
            TrainingProgress resumedRun = sayingTo(notices);
            resumedRun.resumeFrom(new TrainingProgress.Counts(1200, 0, 6), OptionalLong.empty());
            resumedRun.modelEntered(model);

            assertEquals(start + 1200, resumedRun.steps(), "model at " + model.getIterationCount());
            assertEquals(6, resumedRun.epochs());
            assertEquals(List.of(), notices);
        }
    }

    @Test
    void onlyTheFirstModelIsAskedAndNotWhereTheUserCountsTheSteps() {
        progress.resumeFrom(new TrainingProgress.Counts(1200, 0, 6), OptionalLong.empty());
        progress.modelEntered(new Object());
        progress.modelEntered(new RestoredModel(1000, 5));
        assertEquals(start + 1200, progress.steps(), "the first model told nothing");

        TrainingProgress userCounted = new TrainingProgress(true, OptionalLong.empty(), OptionalLong.empty());
        long userStart = userCounted.steps();
        userCounted.resumeFrom(new TrainingProgress.Counts(1200, 0, 6), OptionalLong.empty());
        userCounted.modelEntered(new RestoredModel(1000, 5));
        assertEquals(userStart + 1200, userCounted.steps());
    }

    /**
     * The model and the data set are the framework's code, and asking them loads (and weaves) classes: the sampler's
     * reads of the counts must go on meanwhile, or a stall there stops the agent's sampling with the training.
     */
    @Test
    void theModelAndTheDataSetAreAskedWithoutHoldingWhatTheSamplerReads() {
        List<Boolean> samplerRead = new ArrayList<>();
        Runnable sampler = () -> samplerRead.add(readsWithin(progress, 10_000));
        progress.resumeFrom(new TrainingProgress.Counts(1200, 0, 6), OptionalLong.empty());

        progress.modelEntered(new AskingModel(sampler));
        progress.fitEntered("dl4j", 2, new AskingIterator(sampler));

        assertEquals(List.of(true, true), samplerRead);
        assertEquals(1000, progress.steps(), "the restored model's step is the position");
    }

    /** Whether another thread, as the sampler does, reads the total and the epochs within the time given. */
    private static boolean readsWithin(TrainingProgress progress, long millis) {
        Thread reader = new Thread(() -> {
            progress.total();
            progress.epochs();
        });
        reader.setDaemon(true);
        reader.start();
        try {
            reader.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !reader.isAlive();
    }

    /** Framework steps, no configured total, its notices to {@code notices}. */
    private static TrainingProgress sayingTo(List<String> notices) {
        return new TrainingProgress(false, OptionalLong.empty(), OptionalLong.empty(), notices::add);
    }

    private void runEpoch(Object iterator, int batches) {
        runEpochOf(progress, iterator, batches);
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

    /** A restored model that, while asked for its count, lets the sampler read. */
    public static final class AskingModel {
        private final Runnable whileAsked;

        AskingModel(Runnable whileAsked) {
            this.whileAsked = whileAsked;
        }

        public int getIterationCount() {
            whileAsked.run();
            return 1000;
        }

        public int getEpochCount() {
            return 5;
        }
    }

    /** A data set that, while asked for its size, lets the sampler read. */
    public static final class AskingIterator {
        private final Runnable whileAsked;

        AskingIterator(Runnable whileAsked) {
            this.whileAsked = whileAsked;
        }

        public int totalExamples() {
            whileAsked.run();
            return 1000;
        }

        public int batch() {
            return 50;
        }
    }

    /** Like most DL4J iterators: cannot say. */
    public static final class UnsizedIterator {
        public int totalExamples() {
            throw new UnsupportedOperationException();
        }
    }
}
