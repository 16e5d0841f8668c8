package org.opencarboneval.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.opencarboneval.agent.SeededProperty;
import org.opencarboneval.agent.config.SettingKey.ValueKind;

/**
 * Property tests of the agent-argument parser (plain JUnit with a seeded generator, not jqwik): every generated valid
 * {@code key=value} list parses to the values given, and every list with one corruption is a
 * {@link SettingsException} naming what is wrong, never any other exception. A failure names the case's seed.
 */
class AgentSettingsPropertyTest {

    private static final long SEED = 0x0CE5_E771_6650L;
    private static final int CASES = 2000;
    private static final SettingSources NONE = new SettingSources(new Properties(), Map.of());
    /** Every key but config, which names a file to read. */
    private static final List<SettingKey> KEYS = Arrays.stream(SettingKey.values())
        .filter(key -> key != SettingKey.CONFIG).toList();
    /** Characters of free text: separators the parser must not trip on, the comma and backslash written escaped. */
    private static final String TEXT_CHARS = "abcXYZ019 _-./:=#@~\"'\\{}[],äß漢";

    @Test
    void aValidArgumentListParsesToTheValuesGiven() {
        SeededProperty.forEachCase(SEED, CASES, (random, report) -> {
            Map<SettingKey, String> given = validSettings(random);
            String arguments = String.join(",", render(given, random));
            report.append(arguments);

            AgentSettings settings = parse(arguments);

            for (SettingKey key : KEYS) {
                Optional<String> expected = Optional.ofNullable(given.get(key)).map(String::strip);
                assertEquals(expected, settings.text(key), key.key());
            }
            callEveryAccessor(settings);
        });
    }

    @Test
    void aCorruptedArgumentListIsASettingsExceptionNamingTheProblem() {
        SeededProperty.forEachCase(SEED, CASES, (random, report) -> {
            List<String> pairs = render(validSettings(random), random);
            Corruption corruption = corrupt(pairs, random);
            String arguments = String.join(",", pairs);
            report.append(arguments).append(" (").append(corruption.what()).append(')');

            try {
                AgentSettings.parse(arguments, NONE);
                fail("accepted");
            } catch (SettingsException e) {
                assertTrue(e.getMessage().contains(corruption.named()),
                    "'" + e.getMessage() + "' should name '" + corruption.named() + "'");
            } catch (RuntimeException e) {
                throw new AssertionError("not a SettingsException", e);
            }
        });
    }

    private static AgentSettings parse(String arguments) {
        try {
            return AgentSettings.parse(arguments, NONE);
        } catch (SettingsException e) {
            throw new AssertionError("rejected: " + e.getMessage(), e);
        }
    }

    /** The typed getters must read every value the parser accepted. */
    private static void callEveryAccessor(AgentSettings settings) throws IllegalAccessException {
        for (Method getter : AgentSettings.class.getDeclaredMethods()) {
            if (Modifier.isPublic(getter.getModifiers()) && !Modifier.isStatic(getter.getModifiers())
                    && getter.getParameterCount() == 0) {
                try {
                    getter.invoke(settings);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(getter.getName() + "() failed on an accepted value", e.getCause());
                }
            }
        }
    }

    private static Map<SettingKey, String> validSettings(SplittableRandom random) {
        Map<SettingKey, String> given = new LinkedHashMap<>();
        for (SettingKey key : KEYS) {
            if (random.nextInt(3) == 0) {
                given.put(key, validValue(key.kind(), random));
            }
        }
        return given;
    }

    /** The {@code key=value} pairs in random order, with blanks around keys and values that the parser strips. */
    private static List<String> render(Map<SettingKey, String> settings, SplittableRandom random) {
        List<String> pairs = settings.entrySet().stream()
            .map(e -> blanks(random) + e.getKey().key() + blanks(random) + "=" + blanks(random)
                + escaped(e.getValue()) + blanks(random))
            .collect(Collectors.toCollection(ArrayList::new));
        for (int i = pairs.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swapped = pairs.get(i);
            pairs.set(i, pairs.get(j));
            pairs.set(j, swapped);
        }
        return pairs;
    }

    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,");
    }

    private static String validValue(ValueKind kind, SplittableRandom random) {
        return switch (kind) {
            case TEXT, SECRET -> text(random, 1 + random.nextInt(12)).strip() + "x";
            case SECONDS, POSITIVE_NUMBER -> number(Math.pow(10, random.nextDouble(-3, 6)), random);
            case SECONDS_OR_AUTO -> random.nextInt(3) == 0 ? mixedCase("auto", random)
                : validValue(ValueKind.NON_NEGATIVE_NUMBER, random);
            case NON_NEGATIVE_NUMBER -> random.nextInt(5) == 0 ? "0" : number(random.nextDouble(0, 2), random);
            case PUE -> number(1 + random.nextDouble(0, 1), random);
            case BOOLEAN -> mixedCase(random.nextBoolean() ? "true" : "false", random);
            case PORT -> Integer.toString(random.nextInt(65536));
            case POSITIVE_INTEGER -> Long.toString(1 + random.nextLong(Long.MAX_VALUE - 1));
            case METHOD -> identifier(random) + "." + identifier(random) + "#" + identifier(random);
            case INTENSITY -> mixedCase(List.of("table", "file", "electricitymaps", "watttime", "uk")
                .get(random.nextInt(5)), random);
            case URL -> (random.nextBoolean() ? "http" : "HTTPS") + "://127.0.0.1:" + random.nextInt(65536) + "/v";
            case MASS -> number(Math.pow(10, random.nextDouble(-3, 6)), random) + (random.nextBoolean() ? " " : "")
                + List.of("g", "kg", "t", "KG").get(random.nextInt(4));
            case ENERGY -> number(Math.pow(10, random.nextDouble(-3, 6)), random)
                + List.of("J", "Wh", "kWh", "MWh", "kwh").get(random.nextInt(5));
        };
    }

    /** A value of the key's kind that the parser must refuse. */
    private static String invalidValue(ValueKind kind, SplittableRandom random) {
        List<String> bad = switch (kind) {
            case TEXT, SECRET -> List.of("", " ", "\t");
            case SECONDS, POSITIVE_NUMBER -> List.of("0", "-1", "abc", "NaN", "Infinity", "1e999", "");
            case SECONDS_OR_AUTO -> List.of("-0.1", "x", "NaN", "-Infinity", "", "automatic");
            case NON_NEGATIVE_NUMBER -> List.of("-0.1", "x", "NaN", "-Infinity", "");
            case PUE -> List.of("0.99", "0", "-1", "one", "NaN", "");
            case BOOLEAN -> List.of("yes", "1", "on", "", "tru");
            case PORT -> List.of("65536", "-1", "80.5", "http", "", "99999999999999999999");
            case POSITIVE_INTEGER -> List.of("0", "-5", "1.5", "1e3", "", "99999999999999999999");
            case METHOD -> List.of("Trainer", "#step", "com.acme.Trainer#", "com..Trainer#step", "a#b#c", "1a#b", "");
            case INTENSITY -> List.of("live", "ember", "", "electricity maps");
            case URL -> List.of("127.0.0.1:8080", "ftp://host", "http://", "http:// spaced", "");
            case MASS -> List.of("5", "5 kgs", "0kg", "-1kg", "kg", "1e999t", "NaNkg", "");
            case ENERGY -> List.of("50", "50 kW", "0Wh", "-2kWh", "J", "1e999MWh", "");
        };
        return bad.get(random.nextInt(bad.size()));
    }

    private record Corruption(String what, String named) {
    }

    private static Corruption corrupt(List<String> pairs, SplittableRandom random) {
        int choice = pairs.isEmpty() ? 0 : random.nextInt(3);
        if (choice == 0) {
            String misspelt = misspelt(KEYS.get(random.nextInt(KEYS.size())).key(), random);
            int index = random.nextInt(pairs.size() + 1);
            pairs.add(index, misspelt + "=1");
            return new Corruption("unknown key", afterSecret(pairs, index).orElse(misspelt.strip()));
        }
        int index = random.nextInt(pairs.size());
        String pair = pairs.get(index);
        if (choice == 1) {
            pairs.set(index, pair.replace("=", ""));
            // the message quotes the piece unescaped; its key, at the start, reads the same either way
            return new Corruption("no '='", afterSecret(pairs, index).orElse(pair.substring(0, pair.indexOf('='))
                .strip()));
        }
        SettingKey key = SettingKey.named(pair.substring(0, pair.indexOf('=')).strip()).orElseThrow();
        pairs.set(index, pair.substring(0, pair.indexOf('=') + 1) + invalidValue(key.kind(), random));
        return new Corruption("bad value", key.key());
    }

    /** What the message names instead of a piece that follows a secret (which may be the secret's rest). */
    private static Optional<String> afterSecret(List<String> pairs, int index) {
        if (index == 0) {
            return Optional.empty();
        }
        String previous = pairs.get(index - 1);
        SettingKey key = SettingKey.named(previous.substring(0, previous.indexOf('=')).strip()).orElseThrow();
        return key.secret() ? Optional.of("agent argument " + (index + 1) + ", after " + key.key()) : Optional.empty();
    }

    /** The key with one character dropped, doubled, changed or added, such that it names no setting. */
    private static String misspelt(String key, SplittableRandom random) {
        while (true) {
            StringBuilder name = new StringBuilder(key);
            int at = random.nextInt(name.length());
            switch (random.nextInt(4)) {
                case 0 -> name.deleteCharAt(at);
                case 1 -> name.insert(at, name.charAt(at));
                case 2 -> name.setCharAt(at, (char) ('a' + random.nextInt(26)));
                default -> name.append((char) ('a' + random.nextInt(26)));
            }
            String candidate = name.toString();
            if (!candidate.isBlank() && SettingKey.named(candidate.strip()).isEmpty()) {
                return candidate;
            }
        }
    }

    private static String number(double value, SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> Double.toString(value);
            case 1 -> String.format(java.util.Locale.ROOT, "%.6f", value);
            case 2 -> String.format(java.util.Locale.ROOT, "%e", value);
            default -> "+" + value;
        };
    }

    private static String text(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(TEXT_CHARS.charAt(random.nextInt(TEXT_CHARS.length())));
        }
        return text.toString();
    }

    private static String identifier(SplittableRandom random) {
        return "abcdefghijklmnopqrstuvwxyz_$".charAt(random.nextInt(28)) + text(random, random.nextInt(6))
            .replaceAll("[^A-Za-z0-9]", "");
    }

    private static String mixedCase(String word, SplittableRandom random) {
        StringBuilder mixed = new StringBuilder();
        for (char c : word.toCharArray()) {
            mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return mixed.toString();
    }

    private static String blanks(SplittableRandom random) {
        return " ".repeat(random.nextInt(3) == 0 ? random.nextInt(3) : 0);
    }
}
