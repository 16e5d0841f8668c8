package org.opencarboneval.examples.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;

/**
 * Examples decoded from raw features on first access and cached, as image and text pipelines cache decoded data: the
 * first epoch pays for decoding, the later ones read the cache.
 */
final class DecodingDataset extends RandomAccessDataset {

    private final float[][] raw;
    private final float[][] labels;
    private final NDArray projection;
    private final int passes;
    private final float[][] decoded;

    private DecodingDataset(Builder builder) {
        super(builder);
        this.raw = builder.raw;
        this.labels = builder.labels;
        this.projection = builder.projection;
        this.passes = builder.passes;
        this.decoded = new float[raw.length][];
    }

    @Override
    public Record get(NDManager manager, long index) {
        int i = (int) index;
        if (decoded[i] == null) {
            decoded[i] = decode(manager, raw[i]);
        }
        return new Record(new NDList(manager.create(decoded[i])), new NDList(manager.create(labels[i])));
    }

    /** A projection then a few nonlinear mixing passes: small tensor operations, costly one example at a time. */
    private float[] decode(NDManager manager, float[] example) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray features = scratch.create(example).reshape(1, -1).matMul(projection);
            NDArray square = projection.get(":" + projection.getShape().get(1) + ", :");
            for (int pass = 0; pass < passes; pass++) {
                features = features.tanh().matMul(square).div(projection.getShape().get(1));
            }
            return features.reshape(-1).toFloatArray();
        }
    }

    @Override
    protected long availableSize() {
        return raw.length;
    }

    @Override
    public void prepare(Progress progress) {
        // everything is in memory already; decoding happens lazily in get()
    }

    static final class Builder extends BaseBuilder<Builder> {
        private float[][] raw;
        private float[][] labels;
        private NDArray projection;
        private int passes;

        Builder data(float[][] raw, float[][] labels) {
            this.raw = raw;
            this.labels = labels;
            return this;
        }

        Builder decoder(NDArray projection, int passes) {
            this.projection = projection;
            this.passes = passes;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        DecodingDataset build() {
            return new DecodingDataset(this);
        }
    }
}
