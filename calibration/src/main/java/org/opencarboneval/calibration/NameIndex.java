package org.opencarboneval.calibration;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds entries by any of their names: as written (any case) first, then in {@link Names#normalize normalised} form,
 * and suggests the closest display names for a miss. Hardware and regions share it. Two entries may share a
 * normalised form only through names that differ as written ({@code us-east-1} is AWS's, {@code us-east1} Google's):
 * each is found as written, and the shared form alone finds neither (the miss names both).
 */
final class NameIndex<T> {

    private final String what;
    private final Map<String, T> byName = new HashMap<>();
    private final Set<String> ambiguous = new HashSet<>();
    private final Map<String, T> byWritten = new HashMap<>();
    private final Map<String, T> byRawName = new HashMap<>();
    private final Function<T, String> displayName;

    NameIndex(String what, Collection<T> entries, Function<T, String> displayName, Function<T, List<String>> names) {
        this.what = what;
        this.displayName = displayName;
        for (T entry : entries) {
            for (String name : names.apply(entry)) {
                byRawName.put(name, entry);
                T previous = byWritten.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), entry);
                if (previous != null && previous != entry) {
                    throw new IllegalStateException(what + " name '" + name + "' is claimed by both '"
                        + displayName.apply(previous) + "' and '" + displayName.apply(entry) + "'");
                }
                String key = Names.normalize(name);
                T sharing = byName.putIfAbsent(key, entry);
                if (sharing != null && sharing != entry) {
                    ambiguous.add(key);
                }
            }
        }
    }

    Optional<T> find(String name) {
        T written = byWritten.get(name.strip().toLowerCase(Locale.ROOT));
        if (written != null) {
            return Optional.of(written);
        }
        String key = Names.normalize(name);
        return ambiguous.contains(key) ? Optional.empty() : Optional.ofNullable(byName.get(key));
    }

    /** Suggestions are ranked over every known spelling but shown by display name, once each. */
    T resolve(String name) {
        return find(name).orElseThrow(() -> new UnknownNameException(what, name,
            Names.closest(name, List.copyOf(byRawName.keySet()), byRawName.size()).stream()
                .map(byRawName::get).map(displayName).distinct().limit(5).toList()));
    }
}
