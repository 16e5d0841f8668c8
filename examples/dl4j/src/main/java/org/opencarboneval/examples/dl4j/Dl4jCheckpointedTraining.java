package org.opencarboneval.examples.dl4j;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@link Dl4jTraining}'s regression as a long job saves it: {@code epochs examples batch checkpoint every
 * [crashAfterEpoch]}. It saves the model to {@code checkpoint} every {@code every} epochs and, when that file exists
 * at start, restores it and trains only the epochs still to do. With {@code crashAfterEpoch} the JVM halts after that
 * epoch, as a killed job does: no shutdown hook runs. Prints the model's own counts at the end.
 */
public final class Dl4jCheckpointedTraining {

    private Dl4jCheckpointedTraining() {
    }

    public static void main(String[] args) throws IOException {
        int epochs = Integer.parseInt(args[0]);
        int examples = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        Path checkpoint = Path.of(args[3]);
        int every = Integer.parseInt(args[4]);
        int crashAfter = args.length > 5 ? Integer.parseInt(args[5]) : Integer.MAX_VALUE;

        ListDataSetIterator<DataSet> iterator = Dl4jTraining.iterator(Dl4jTraining.syntheticData(examples), batch);

        MultiLayerNetwork net = restoreOrCreate(checkpoint);
        System.out.println("starting at step " + net.getIterationCount() + ", epoch " + net.getEpochCount());
        while (net.getEpochCount() < epochs) {
            int chunk = Math.min(every, epochs - net.getEpochCount());
            if (net.getEpochCount() + chunk > crashAfter) {
                net.fit(iterator, crashAfter - net.getEpochCount());
                Runtime.getRuntime().halt(137);
            }
            net.fit(iterator, chunk);
            save(net, checkpoint);
        }
        System.out.println("steps " + net.getIterationCount());
        System.out.println("epochs " + net.getEpochCount());
    }

    private static MultiLayerNetwork restoreOrCreate(Path checkpoint) throws IOException {
        if (Files.exists(checkpoint)) {
            return ModelSerializer.restoreMultiLayerNetwork(checkpoint.toFile(), true);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(Dl4jTraining.configuration());
        net.init();
        return net;
    }

    /** Written beside it and moved into place, so that a crash mid-write leaves the previous checkpoint whole. */
    private static void save(MultiLayerNetwork net, Path checkpoint) throws IOException {
        File partial = checkpoint.resolveSibling(checkpoint.getFileName() + ".partial").toFile();
        ModelSerializer.writeModel(net, partial, true);
        Files.move(partial.toPath(), checkpoint, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("checkpoint at step " + net.getIterationCount() + ", epoch " + net.getEpochCount());
    }
}
