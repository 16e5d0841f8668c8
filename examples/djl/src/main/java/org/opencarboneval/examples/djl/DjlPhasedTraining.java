package org.opencarboneval.examples.djl;

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
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;

/**
 * A DJL (PyTorch, CPU) run with a visible warm-up, for recording the forecast's test traces:
 * {@code epochs examples batch [decodePasses]}. Its input pipeline decodes examples on first use and caches them
 * ({@link DecodingDataset}), so the first epoch runs slower than the rest: Carbontracker's first-epoch extrapolation
 * overshoots exactly there.
 */
public final class DjlPhasedTraining {

    private static final int RAW = 256;
    private static final int FEATURES = 64;
    private static final int HIDDEN = 1024;

    private DjlPhasedTraining() {
    }

    public static void main(String[] args) throws Exception {
        int epochs = Integer.parseInt(args[0]);
        int examples = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 2;

        Engine.getInstance().setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("phased")) {
            NDArray raw = manager.randomUniform(0, 1, new Shape(examples, RAW));
            NDArray labels = raw.matMul(manager.randomUniform(0, 1, new Shape(RAW, 1)))
                .add(manager.randomNormal(new Shape(examples, 1)).mul(0.1));
            DecodingDataset data = new DecodingDataset.Builder()
                .data(rows(raw), rows(labels))
                .decoder(manager.randomUniform(-1, 1, new Shape(RAW, FEATURES)), passes)
                .setSampling(batch, false)
                .build();
            model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(HIDDEN).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(HIDDEN).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(1).build()));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().build())
                .addTrainingListeners(TrainingListener.Defaults.basic());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batch, FEATURES));
                EasyTrain.fit(trainer, epochs, data, null);
                System.out.println(String.format(Locale.ROOT, "loss %.4f", trainer.getTrainingResult().getTrainLoss()));
            }
        }
    }

    private static float[][] rows(NDArray matrix) {
        int count = (int) matrix.getShape().get(0);
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = matrix.get(i).toFloatArray();
        }
        return rows;
    }
}
