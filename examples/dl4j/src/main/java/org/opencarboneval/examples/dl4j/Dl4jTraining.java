package org.opencarboneval.examples.dl4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small, seeded DL4J regression on synthetic data: {@code epochs examples batch [pauseAfterEpoch]}. Prints the
 * true number of optimizer steps and the final score, identically on every run. With {@code pauseAfterEpoch} it
 * prints {@code paused} after that epoch and waits for a line on stdin (so a test can attach the agent).
 */
public final class Dl4jTraining {

    private static final int FEATURES = 20;

    private Dl4jTraining() {
    }

    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int examples = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int pauseAfter = args.length > 3 ? Integer.parseInt(args[3]) : 0;

        DataSet data = syntheticData(examples);
        ListDataSetIterator<DataSet> iterator = iterator(data, batch);

        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        if (pauseAfter > 0) {
            net.fit(iterator, pauseAfter);
            System.out.println("paused after epoch " + pauseAfter + " at step " + net.getIterationCount());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        net.fit(iterator, epochs - pauseAfter);

        System.out.println("steps " + net.getIterationCount());
        System.out.println("epochs " + net.getEpochCount());
        System.out.println(String.format(Locale.ROOT, "score %.4f", net.score(data)));
    }

    /** Seeded: every run, and every attempt of a resumed run, sees the same data. */
    static DataSet syntheticData(int examples) {
        Nd4j.getRandom().setSeed(42);
        INDArray features = Nd4j.rand(DataType.FLOAT, examples, FEATURES);
        INDArray weights = Nd4j.rand(DataType.FLOAT, FEATURES, 1);
        return new DataSet(features, features.mmul(weights));
    }

    /** ListDataSetIterator treats each list element as one example, hence asList() (PROTOTYPE-FINDINGS section 2). */
    static ListDataSetIterator<DataSet> iterator(DataSet data, int batch) {
        return new ListDataSetIterator<>(data.asList(), batch);
    }

    static MultiLayerConfiguration configuration() {
        return new NeuralNetConfiguration.Builder()
            .seed(42)
            .updater(new Adam(1e-2))
            .list()
            .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(32).activation(Activation.RELU).build())
            .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(32).nOut(1)
                .activation(Activation.IDENTITY).build())
            .build();
    }
}
