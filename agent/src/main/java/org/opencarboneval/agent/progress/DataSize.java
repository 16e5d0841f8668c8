package org.opencarboneval.agent.progress;

import java.lang.reflect.Field;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a framework's data object says about itself, read reflectively (the agent cannot link against DJL or DL4J):
 * batches per pass and samples per batch. Anything that fails or throws means "unknown"; then the batches per epoch
 * are learnt from the first epoch instead.
 */
record DataSize(OptionalLong batchesPerEpoch, OptionalInt batchSize) {

    static final DataSize UNKNOWN = new DataSize(OptionalLong.empty(), OptionalInt.empty());

    static DataSize of(String framework, Object data) {
        if (data == null) {
            return UNKNOWN;
        }
        return framework.equals("djl") ? djl(data) : dl4j(data);
    }

    /** DJL {@code RandomAccessDataset}: {@code size()} records in batches of its sampler's {@code getBatchSize()}. */
    private static DataSize djl(Object dataset) {
        long records = PublicNumber.of(dataset, "size");
        Object sampler = field(dataset, "sampler");
        long batch = sampler == null ? -1 : PublicNumber.of(sampler, "getBatchSize");
        return sized(records, batch);
    }

    /** DL4J {@code DataSetIterator}: {@code totalExamples()} and {@code batch()}; many iterators throw instead. */
    private static DataSize dl4j(Object iterator) {
        return sized(PublicNumber.of(iterator, "totalExamples"), PublicNumber.of(iterator, "batch"));
    }

    private static DataSize sized(long records, long batch) {
        OptionalInt batchSize = batch > 0 && batch <= Integer.MAX_VALUE ? OptionalInt.of((int) batch) : OptionalInt.empty();
        if (records <= 0 || batchSize.isEmpty()) {
            return new DataSize(OptionalLong.empty(), batchSize);
        }
        return new DataSize(OptionalLong.of((records + batch - 1) / batch), batchSize);
    }

    private static Object field(Object target, String name) {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
