package org.opencarboneval.nvml;

import java.util.List;
import java.util.function.Supplier;

/**
 * One NVML function in its versions, newest first ({@code _v3}, {@code _v2}, plain). JNA throws
 * {@link UnsatisfiedLinkError} at the first call of a symbol the driver lacks; that version is then skipped for good,
 * so an old driver costs one failed lookup per function, not one per sample.
 */
final class VersionedFunction {

    private final List<String> names;
    private volatile int firstAvailable;

    VersionedFunction(String... newestFirst) {
        this.names = List.of(newestFirst);
    }

    /** Calls the newest available version; {@code FUNCTION_NOT_FOUND} when the driver has none of them. */
    <T> NvmlResult<T> call(List<Supplier<NvmlResult<T>>> newestFirst) {
        for (int version = firstAvailable; version < newestFirst.size(); version++) {
            try {
                return newestFirst.get(version).get();
            } catch (UnsatisfiedLinkError missing) {
                firstAvailable = version + 1;
            }
        }
        return NvmlResult.failed(NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** The symbol calls go to now, or a note that the driver has none. */
    String resolvedName() {
        int version = firstAvailable;
        return version < names.size() ? names.get(version) : names.get(0) + " (missing)";
    }
}
