package org.opencarboneval.agent.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a setting comes from when it is not given explicitly: the system property {@code oce.<key>}, then the
 * environment variable {@code OCE_<KEY>} (upper case, dots and dashes as underscores). The agent and every command
 * read settings through this one class, so {@code -Doce.region=DE} means the same everywhere.
 */
public final class SettingSources {

    private final Properties systemProperties;
    private final Map<String, String> environment;

    public SettingSources(Properties systemProperties, Map<String, String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    public static SettingSources system() {
        return new SettingSources(System.getProperties(), System.getenv());
    }

    public Optional<String> lookup(String key) {
        String property = systemProperties.getProperty(propertyName(key));
        if (property != null) {
            return Optional.of(property);
        }
        return Optional.ofNullable(environment.get(environmentName(key)));
    }

    public static String propertyName(String key) {
        return "oce." + key;
    }

    public static String environmentName(String key) {
        return "OCE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
