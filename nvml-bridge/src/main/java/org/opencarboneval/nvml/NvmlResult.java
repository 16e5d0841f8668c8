package org.opencarboneval.nvml;

import java.util.Optional;
import java.util.function.Function;

/** The outcome of one NVML query: a value when the code is {@link NvmlReturn#SUCCESS}, otherwise only the code. */
public record NvmlResult<T>(NvmlReturn code, T value) {

    public static <T> NvmlResult<T> of(int code, T value) {
        NvmlReturn result = NvmlReturn.of(code);
        return new NvmlResult<>(result, result.isSuccess() ? value : null);
    }

    public static <T> NvmlResult<T> failed(NvmlReturn code) {
        return new NvmlResult<>(code, null);
    }

    public boolean isSuccess() {
        return code.isSuccess();
    }

    public Optional<T> asOptional() {
        return Optional.ofNullable(value);
    }

    public T orElse(T fallback) {
        return isSuccess() ? value : fallback;
    }

    public <U> NvmlResult<U> map(Function<? super T, ? extends U> mapper) {
        return isSuccess() ? new NvmlResult<>(code, mapper.apply(value)) : failed(code);
    }

    /** The next query on this one's value, or this one's failure. */
    public <U> NvmlResult<U> flatMap(Function<? super T, NvmlResult<U>> next) {
        return isSuccess() ? next.apply(value) : failed(code);
    }
}
