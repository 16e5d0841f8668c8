package org.opencarboneval.calibration;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How user-typed names of hardware and regions are compared, and which known names are closest to a wrong one. */
public final class Names {

    /** Vendor words that users add or leave out freely ("NVIDIA Tesla V100" is "V100"). */
    private static final Set<String> NOISE_WORDS = Set.of("nvidia", "tesla", "google", "huawei", "amd");

    private Names() {
    }

    /** Lower case, vendor words dropped, and only letters and digits kept: "NVIDIA A100-SXM4-80GB" -> "a100sxm480gb". */
    public static String normalize(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!NOISE_WORDS.contains(word)) {
                out.append(word);
            }
        }
        return out.toString();
    }

    /** Up to {@code limit} candidates, closest first by edit distance of their normalised forms. */
    public static List<String> closest(String wanted, List<String> candidates, int limit) {
        String key = normalize(wanted);
        return candidates.stream()
            .distinct()
            .sorted(Comparator.comparingInt((String c) -> distance(key, normalize(c))).thenComparing(c -> c))
            .limit(limit)
            .toList();
    }

    /** Levenshtein distance, with a bonus for prefixes so "a10" ranks "a100" above "l4". */
    static int distance(String a, String b) {
        if (!a.isEmpty() && (b.startsWith(a) || a.startsWith(b))) {
            return Math.abs(a.length() - b.length()) / 2;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
