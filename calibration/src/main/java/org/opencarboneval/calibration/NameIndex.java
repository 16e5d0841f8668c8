package org.opencarboneval.calibration;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds entries by any of their names, compared in {@link Names#normalize normalised} form, and suggests the closest
 * display names for a miss. Hardware and regions share it.
 */
final class NameIndex<T> {

    private final String what;
    private final Map<String, T> byName = new HashMap<>();
    private final Map<String, T> byRawName = new HashMap<>();
    private final Function<T, String> displayName;

    NameIndex(String what, Collection<T> entries, Function<T, String> displayName, Function<T, List<String>> names) {
        this.what = what;
        this.displayName = displayName;
        for (T entry : entries) {
            for (String name : names.apply(entry)) {
                byRawName.put(name, entry);
                String key = Names.normalize(name);
                T previous = byName.putIfAbsent(key, entry);
                if (previous != null && previous != entry) {
                    throw new IllegalStateException(what + " name '" + name + "' is claimed by both '"
                        + displayName.apply(previous) + "' and '" + displayName.apply(entry) + "'");
                }
            }
        }
    }

    Optional<T> find(String name) {
        return Optional.ofNullable(byName.get(Names.normalize(name)));
    }

    /** Suggestions are ranked over every known spelling but shown by display name, once each. */
    T resolve(String name) {
        return find(name).orElseThrow(() -> new UnknownNameException(what, name,
            Names.closest(name, List.copyOf(byRawName.keySet()), byRawName.size()).stream()
                .map(byRawName::get).map(displayName).distinct().limit(5).toList()));
    }
}
