package org.opencarboneval.agent.progress;

import java.util.Optional;
import java.util.OptionalLong;

import org.opencarboneval.agent.hook.TrainingHooks;
import org.opencarboneval.agent.hook.TrainingListener;

/**
 * Steps, samples and epochs of the run, and its total steps when they can be known, in this order: configured
 * ({@code total.steps}, or {@code total.epochs} times the batches per epoch), or declared by the framework (epochs of
 * a {@code fit} times batches per epoch). Batches per epoch come from the data set's size or are learnt from the
 * first epoch.
 *
 * <p>Steps come from the user's step method when one is named, else from the framework hooks; the batches per epoch
 * are then learnt in the same unit. Counts restored from the ledger of an earlier attempt of the same run are added.
 */
public final class TrainingProgress implements TrainingListener {

    private final boolean userSteps;
    private final OptionalLong configuredSteps;
    private final OptionalLong configuredEpochs;
    private volatile Counts resumed = Counts.ZERO;

    private int fitDepth;
    private String fitFramework;
    private Object fitData;
    private long fitEpochs;
    private long fitStartSteps;
    private int epochDepth;
    private boolean passOpen;
    private long epochStartSteps;
    private long epochsCompleted;
    private long batchesPerEpoch;
    private String batchesSource;
    private TotalSteps declaredTotal;

    public TrainingProgress(boolean userSteps, OptionalLong configuredSteps, OptionalLong configuredEpochs) {
        this.userSteps = userSteps;
        this.configuredSteps = configuredSteps;
        this.configuredEpochs = configuredEpochs;
    }

    /** Counts an earlier attempt of this run already reached, from the ledger. */
    public record Counts(long steps, long samples, long epochs) {
        static final Counts ZERO = new Counts(0, 0, 0);
    }

    public void resumeFrom(Counts counts) {
        resumed = counts;
    }

    public long steps() {
        return resumed.steps() + (userSteps ? TrainingHooks.USER_STEPS : TrainingHooks.FRAMEWORK_STEPS).get();
    }

    public long samples() {
        return resumed.samples() + TrainingHooks.SAMPLES.get();
    }

    public synchronized long epochs() {
        return resumed.epochs() + epochsCompleted;
    }

    public synchronized Optional<TotalSteps> total() {
        if (configuredSteps.isPresent()) {
            return Optional.of(new TotalSteps(configuredSteps.getAsLong(), "config"));
        }
        if (configuredEpochs.isPresent() && batchesPerEpoch > 0) {
            return Optional.of(new TotalSteps(configuredEpochs.getAsLong() * batchesPerEpoch,
                "total.epochs x " + batchesSource));
        }
        return Optional.ofNullable(declaredTotal);
    }

    @Override
    public synchronized void fitEntered(String framework, int epochs, Object data) {
        if (fitDepth++ > 0) {
            return;
        }
        fitFramework = framework;
        fitData = data;
        fitEpochs = epochs;
        fitStartSteps = steps();
        learnFromData(framework, data);
        updateDeclaredTotal();
    }

    @Override
    public synchronized void fitExited() {
        if (fitDepth == 0 || --fitDepth > 0) {
            return;
        }
        if (passOpen) {
            closeEpoch();
            passOpen = false;
        }
        fitData = null;
    }

    @Override
    public synchronized void epochEntered(Object data) {
        if (epochDepth++ > 0) {
            return;
        }
        if (fitDepth == 0) {
            learnFromData("dl4j", data);
        }
        epochStartSteps = steps();
    }

    @Override
    public synchronized void epochExited() {
        if (epochDepth == 0 || --epochDepth > 0) {
            return;
        }
        closeEpoch();
    }

    @Override
    public synchronized void datasetIterated(Object data) {
        if (fitDepth == 0 || data != fitData) {
            return;
        }
        if (passOpen) {
            closeEpoch();
        }
        passOpen = true;
        epochStartSteps = steps();
    }

    private void learnFromData(String framework, Object data) {
        DataSize size = DataSize.of(framework, data);
        size.batchSize().ifPresent(batch -> TrainingHooks.batchSize = batch);
        if (!userSteps && batchesPerEpoch == 0 && size.batchesPerEpoch().isPresent()) {
            batchesPerEpoch = size.batchesPerEpoch().getAsLong();
            batchesSource = framework + " data size";
        }
    }

    private void closeEpoch() {
        epochsCompleted++;
        long observed = steps() - epochStartSteps;
        if (batchesPerEpoch == 0 && observed > 0) {
            batchesPerEpoch = observed;
            batchesSource = "learnt from epoch 1";
            updateDeclaredTotal();
        }
    }

    private void updateDeclaredTotal() {
        if (fitFramework != null && batchesPerEpoch > 0) {
            declaredTotal = new TotalSteps(fitStartSteps + fitEpochs * batchesPerEpoch,
                fitFramework + ".fit x " + batchesSource);
        }
    }
}
