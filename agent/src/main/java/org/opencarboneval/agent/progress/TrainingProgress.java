package org.opencarboneval.agent.progress;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.opencarboneval.agent.hook.TrainingHooks;
import org.opencarboneval.agent.hook.TrainingListener;

/**
 * Steps, samples and epochs of the run, and its total steps when they can be known, in this order: configured
 * ({@code total.steps}, or {@code total.epochs} times the batches per epoch), or declared by the framework (epochs of
 * a {@code fit} times batches per epoch, while the job has called fit once). Batches per epoch come from the data
 * set's size or are learnt from the first epoch.
 *
 * <p>Steps come from the user's step method when one is named, else from the framework hooks; the batches per epoch
 * are then learnt in the same unit. Counts restored from the ledger of an earlier attempt of the same run are added.
 *
 * <p>Steps are the run's position, so that a configured total is reached when the run ends. After a crash, a DL4J
 * job restores its model from the last checkpoint and does the steps since again; the restored model's own iteration
 * count says where it stands, and when it is behind the ledger's count the run goes on from there: the steps redone
 * count once (their energy, of course, is counted). The first model to train is asked, once: a fresh model (count 0)
 * or one ahead of the ledger (a pre-trained model, or steps the last flush lost) leaves the ledger's counts as they
 * are. Frameworks that keep no count (DJL), and steps counted at the user's own method, go on from the ledger.
 */
public final class TrainingProgress implements TrainingListener {

    private final boolean userSteps;
    private final OptionalLong configuredSteps;
    private final OptionalLong configuredEpochs;
    private volatile Counts resumed = Counts.ZERO;
    private Counts ledgerCounts;
    private final Consumer<String> notices;
    private volatile boolean modelAsked;
    private ModelSeen firstModel;

    // changed under the lock, read before it so that the data set is asked only where it is used
    private volatile int fitDepth;
    private String fitFramework;
    private Object fitData;
    private long fitEpochs;
    private long fitStartSteps;
    private boolean fitEnded;
    /** A fit began after another ended: a fit's epochs are a chunk of the run, not all of it. */
    private boolean fitsInTurn;
    private volatile int epochDepth;
    private boolean passOpen;
    private long epochStartSteps;
    private long epochsCompleted;
    private long batchesPerEpoch;
    private String batchesSource;
    private TotalSteps declaredTotal;
    /** The total the ledger's last sample knew, until a fit of this attempt declares one. */
    private Optional<TotalSteps> resumedTotal = Optional.empty();

    /** {@code notices} hears, once each, of steps found redone after a restore and of a total no fit can tell. */
    public TrainingProgress(boolean userSteps, OptionalLong configuredSteps, OptionalLong configuredEpochs,
                            Consumer<String> notices) {
        this.userSteps = userSteps;
        this.configuredSteps = configuredSteps;
        this.configuredEpochs = configuredEpochs;
        this.notices = notices;
    }

    /** Saying nothing. */
    public TrainingProgress(boolean userSteps, OptionalLong configuredSteps, OptionalLong configuredEpochs) {
        this(userSteps, configuredSteps, configuredEpochs, line -> { });
    }

    /** Counts an earlier attempt of this run already reached, from the ledger. */
    public record Counts(long steps, long samples, long epochs) {
        static final Counts ZERO = new Counts(0, 0, 0);
    }

    /** The first model to train, where it said it stood, and this process's own counts at that moment. */
    private record ModelSeen(ModelPosition position, long countedSteps, long countedSamples, long countedEpochs) {
    }

    /**
     * Goes on from the counts the ledger had, saying once if steps are found redone, and from its last known total
     * until a fit of this attempt declares one: a data set that cannot tell its size would otherwise leave each
     * attempt without a forecast for its first epoch. It may come before or after the first model trains (the ledger
     * is read in the background).
     */
    public void resumeFrom(Counts counts, OptionalLong ledgerTotal) {
        Optional<String> notice;
        synchronized (this) {
            ledgerCounts = counts;
            resumedTotal = ledgerTotal.isPresent() && ledgerTotal.getAsLong() > 0
                ? Optional.of(new TotalSteps(ledgerTotal.getAsLong(), "ledger")) : Optional.empty();
            notice = settleResumedCounts();
        }
        notice.ifPresent(notices);
    }

    /**
     * The model is asked outside this object's lock, as the data set is in {@link #fitEntered}: the framework's code,
     * and the classes its reflection loads (and the agent weaves), never run while the sampler may wait for the counts.
     */
    @Override
    public void modelEntered(Object model) {
        if (modelAsked || userSteps) {
            return;
        }
        Optional<ModelPosition> position = ModelPosition.of(model);
        Optional<String> notice;
        synchronized (this) {
            if (modelAsked) {
                return;
            }
            modelAsked = true;
            firstModel = position
                .map(p -> new ModelSeen(p, countedSteps(), TrainingHooks.SAMPLES.get(), epochsCompleted))
                .orElse(null);
            notice = settleResumedCounts();
        }
        notice.ifPresent(notices);
    }

    /**
     * The ledger's counts, or the restored model's where it is behind them; the open fit and epoch move with them.
     * Returns the line that says so, for the caller to give once it has let go of the lock.
     */
    private Optional<String> settleResumedCounts() {
        Optional<String> notice = Optional.empty();
        Counts settled = ledgerCounts == null ? Counts.ZERO : ledgerCounts;
        if (ledgerCounts != null && firstModel != null && firstModel.position().iterations() > 0
                && firstModel.position().iterations() < ledgerCounts.steps()) {
            ModelPosition restored = firstModel.position();
            long redone = ledgerCounts.steps() - restored.iterations();
            settled = new Counts(restored.iterations() - firstModel.countedSteps(),
                Math.round((double) ledgerCounts.samples() * restored.iterations() / ledgerCounts.steps())
                    - firstModel.countedSamples(),
                Math.min(restored.epochs(), ledgerCounts.epochs()) - firstModel.countedEpochs());
            notice = Optional.of("resumed from a checkpoint at step " + restored.iterations() + " (epoch "
                + restored.epochs() + "); the ledger had counted " + ledgerCounts.steps() + ", so the " + redone
                + " steps since the checkpoint are being redone and count once");
        }
        long shift = settled.steps() - resumed.steps();
        fitStartSteps += shift;
        epochStartSteps += shift;
        resumed = settled;
        updateDeclaredTotal();
        return notice;
    }

    public long steps() {
        return positionAt(countedSteps());
    }

    /** The run's position when this process has counted {@code counted} steps itself (see {@link #countedSteps}). */
    public long positionAt(long counted) {
        return resumed.steps() + counted;
    }

    /**
     * Steps this process has counted itself: after a restore, the steps redone are among them, so that the steps
     * trained, unlike the run's position, never go back.
     */
    public long countedSteps() {
        return (userSteps ? TrainingHooks.USER_STEPS : TrainingHooks.FRAMEWORK_STEPS).get();
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
        return declaredTotal != null || fitsInTurn ? Optional.ofNullable(declaredTotal) : resumedTotal;
    }

    /**
     * A fit declares the run's total (its epochs times the batches of one) until a second one begins after it: a job
     * that calls fit an epoch or a checkpoint's worth at a time, or trains in phases, has a total no fit can tell,
     * so from then on only a configured one counts, and the first such fit says so once.
     */
    @Override
    public void fitEntered(String framework, int epochs, Object data) {
        DataSize size = fitDepth == 0 ? DataSize.of(framework, data) : null; // the user's code, outside the lock
        Optional<String> notice = Optional.empty();
        synchronized (this) {
            if (fitDepth++ > 0) {
                return;
            }
            fitFramework = framework;
            fitData = data;
            fitEpochs = epochs;
            fitStartSteps = steps();
            if (size != null) {
                learnFrom(size, framework);
            }
            notice = anotherFit(framework);
            updateDeclaredTotal();
        }
        notice.ifPresent(notices);
    }

    /** A fit beginning after another ended: from the first such, no fit's epochs are the run's (see fitEntered). */
    private Optional<String> anotherFit(String framework) {
        if (!fitEnded || fitsInTurn) {
            return Optional.empty();
        }
        fitsInTurn = true;
        declaredTotal = null;
        if (configuredSteps.isPresent() || configuredEpochs.isPresent()) {
            return Optional.empty();
        }
        return Optional.of("a second " + framework + " fit began at step " + steps() + ": the epochs one fit is "
            + "given are not the run's, so its total steps are unknown and there is no forecast; give total.steps (or "
            + "total.epochs, the run's epochs in all, where every fit trains on the same data)");
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
        fitEnded = true;
    }

    /**
     * DL4J's {@code fit(iterator)}, one epoch. Called by the user (outside any fit) after a fit that declared the
     * run's total, it is a second fit; alone (a loop of them, the Spark workers' calls, the epochs of a fit an attach
     * came in the middle of) it declares nothing and says nothing, as before.
     */
    @Override
    public void epochEntered(Object data) {
        DataSize size = fitDepth == 0 && epochDepth == 0 ? DataSize.of("dl4j", data) : null; // a fit asked it
        Optional<String> notice = Optional.empty();
        synchronized (this) {
            if (epochDepth++ > 0) {
                return;
            }
            if (fitDepth == 0) {
                if (size != null) {
                    learnFrom(size, "dl4j");
                }
                if (fitFramework != null) {
                    notice = anotherFit("dl4j");
                }
            }
            epochStartSteps = steps();
        }
        notice.ifPresent(notices);
    }

    @Override
    public synchronized void epochExited() {
        if (epochDepth == 0 || --epochDepth > 0) {
            return;
        }
        closeEpoch();
        if (fitDepth == 0) {
            fitEnded = true;
        }
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

    private void learnFrom(DataSize size, String framework) {
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
        if (fitFramework != null && batchesPerEpoch > 0 && !fitsInTurn) {
            declaredTotal = new TotalSteps(fitStartSteps + fitEpochs * batchesPerEpoch,
                fitFramework + ".fit x " + batchesSource);
        }
    }
}
