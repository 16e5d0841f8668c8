package org.opencarboneval.examples.djl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

/**
 * A small, seeded DJL (PyTorch, CPU) regression on synthetic data: {@code epochs examples batch [pauseAfterEpoch]}.
 * Prints the true number of optimizer steps, counted by its own listener, and the final loss. With
 * {@code pauseAfterEpoch} it prints {@code paused} after that epoch and waits for a line on stdin.
 */
public final class DjlTraining {

    private static final int FEATURES = 20;

    private DjlTraining() {
    }

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int examples = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int pauseAfter = args.length > 3 ? Integer.parseInt(args[3]) : 0;

        Engine.getInstance().setRandomSeed(42);
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("regression")) {
            NDArray features = manager.randomUniform(0, 1, new Shape(examples, FEATURES));
            NDArray labels = features.matMul(manager.randomUniform(0, 1, new Shape(FEATURES, 1)));
            ArrayDataset data = new ArrayDataset.Builder().setData(features).optLabels(labels)
                .setSampling(batch, false).build();

            model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(32).build())
                .add(Activation::relu).add(Linear.builder().setUnits(1).build()));
            StepCounter steps = new StepCounter();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().build())
                .addTrainingListeners(TrainingListener.Defaults.basic())
                .addTrainingListeners(steps);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batch, FEATURES));
                if (pauseAfter > 0) {
                    EasyTrain.fit(trainer, pauseAfter, data, null);
                    System.out.println("paused after epoch " + pauseAfter + " at step " + steps.count);
                    System.out.flush();
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                }
                EasyTrain.fit(trainer, epochs - pauseAfter, data, null);
                System.out.println("steps " + steps.count);
                System.out.println(String.format(Locale.ROOT, "loss %.4f",
                    trainer.getTrainingResult().getTrainLoss()));
            }
        }
    }

    /** The program's own truth: one training batch is one optimizer step in {@code EasyTrain.fit}. */
    private static final class StepCounter extends TrainingListenerAdapter {
        private long count;

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            count++;
        }
    }
}
