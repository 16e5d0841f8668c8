package org.opencarboneval.examples.dl4j;

import java.util.Locale;

import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A DL4J run whose speed changes the way real runs' does, for recording the forecast's test traces:
 * {@code mode epochs examples batch} with mode
 * <ul>
 *   <li>{@code eval}: an evaluation pass over a held-out set after every epoch (time and energy, no steps);</li>
 *   <li>{@code batch-change}: after a third of the epochs the batch size doubles, so that the steps of the second
 *       part (twice the epochs, half the steps per epoch) are as many as the first's, but each is slower.</li>
 * </ul>
 * Labels carry noise, so the loss never reaches zero and no denormal arithmetic slows the late epochs.
 */
public final class Dl4jPhasedTraining {

    private static final int FEATURES = 64;
    private static final int HIDDEN = 256;

    private Dl4jPhasedTraining() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        int epochs = Integer.parseInt(args[1]);
        int examples = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);

        Nd4j.getRandom().setSeed(7);
        DataSet train = syntheticData(examples);
        DataSet heldOut = syntheticData(examples / 2);
        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        switch (mode) {
            case "eval" -> {
                DataSetIterator iterator = new ExistingDataSetIterator(train.batchBy(batch));
                DataSetIterator heldOutIterator = new ExistingDataSetIterator(heldOut.batchBy(batch));
                for (int epoch = 0; epoch < epochs; epoch++) {
                    net.fit(iterator);
                    RegressionEvaluation evaluation = net.evaluateRegression(heldOutIterator);
                    System.out.println(String.format(Locale.ROOT, "epoch %d held-out MSE %.4f", epoch + 1,
                        evaluation.averageMeanSquaredError()));
                }
            }
            case "batch-change" -> {
                net.fit(new ExistingDataSetIterator(train.batchBy(batch)), epochs / 3);
                net.fit(new ExistingDataSetIterator(train.batchBy(2 * batch)), epochs - epochs / 3);
            }
            default -> throw new IllegalArgumentException("mode must be eval or batch-change, got " + mode);
        }
        System.out.println("steps " + net.getIterationCount());
        System.out.println(String.format(Locale.ROOT, "score %.4f", net.score(train)));
    }

    private static DataSet syntheticData(int examples) {
        INDArray features = Nd4j.rand(DataType.FLOAT, examples, FEATURES);
        INDArray weights = Nd4j.rand(DataType.FLOAT, FEATURES, 1);
        INDArray noise = Nd4j.randn(DataType.FLOAT, examples, 1).muli(0.1);
        return new DataSet(features, features.mmul(weights).addi(noise));
    }

    private static MultiLayerConfiguration configuration() {
        return new NeuralNetConfiguration.Builder()
            .seed(7)
            .updater(new Adam(1e-3))
            .list()
            .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(HIDDEN).activation(Activation.RELU).build())
            .layer(new DenseLayer.Builder().nIn(HIDDEN).nOut(HIDDEN).activation(Activation.RELU).build())
            .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(HIDDEN).nOut(1)
                .activation(Activation.IDENTITY).build())
            .build();
    }
}
