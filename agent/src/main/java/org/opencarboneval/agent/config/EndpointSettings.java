package org.opencarboneval.agent.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.opencarboneval.exporter.ExporterOptions;

/**
 * The metrics endpoint's options from the agent's settings: {@code host}, {@code port} (default 9464), and basic auth
 * and TLS when their settings are given. A password comes from its setting or from its file, never both.
 */
public final class EndpointSettings {

    private EndpointSettings() {
    }

    /** @throws SettingsException when half of a pair is given, or a password file cannot be read */
    public static ExporterOptions options(AgentSettings settings) throws SettingsException {
        ExporterOptions options = ExporterOptions.plain(settings.host(),
            settings.port().orElse(ExporterOptions.DEFAULT_PORT));
        Optional<String> user = settings.text(SettingKey.AUTH_USER);
        Optional<String> authPassword = password(settings, SettingKey.AUTH_PASSWORD, SettingKey.AUTH_PASSWORD_FILE);
        if (user.isPresent() != authPassword.isPresent()) {
            throw new SettingsException(user.isPresent()
                ? "auth.user needs auth.password or auth.password.file"
                : "a password for basic auth needs auth.user");
        }
        if (user.isPresent()) {
            options = options.withBasicAuth(user.get(), authPassword.get());
        }
        Optional<String> keyStore = settings.text(SettingKey.TLS_KEYSTORE);
        Optional<String> tlsPassword = password(settings, SettingKey.TLS_PASSWORD, SettingKey.TLS_PASSWORD_FILE);
        if (keyStore.isPresent() != tlsPassword.isPresent()) {
            throw new SettingsException(keyStore.isPresent()
                ? "tls.keystore needs tls.password or tls.password.file"
                : "a keystore password needs tls.keystore");
        }
        if (keyStore.isPresent()) {
            options = options.withTls(Path.of(keyStore.get()), tlsPassword.get());
        }
        return options;
    }

    /**
     * A warning when the endpoint is open to other machines without a password, or sends its password in clear: the
     * metrics and the status page describe the run (hardware, region, progress) to whoever connects.
     */
    public static Optional<String> exposureWarning(ExporterOptions options) {
        if (loopback(options.host())) {
            return Optional.empty();
        }
        String where = "the metrics endpoint on " + options.host();
        if (options.basicAuth().isEmpty()) {
            return Optional.of("warning: " + where + " is open to other machines without a password (set auth.user "
                + "and auth.password.file, and tls.keystore, or host=127.0.0.1)");
        }
        if (options.tls().isEmpty()) {
            return Optional.of("warning: " + where + " sends its basic-auth password in clear text to other machines "
                + "(set tls.keystore and tls.password.file)");
        }
        return Optional.empty();
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // the endpoint will fail to bind and say so
        }
    }

    /** A secret from its setting or from its file (stripped), never both; empty when neither is given. */
    public static Optional<String> password(AgentSettings settings, SettingKey value, SettingKey file)
            throws SettingsException {
        Optional<String> given = settings.text(value);
        Optional<String> path = settings.text(file);
        if (given.isPresent() && path.isPresent()) {
            throw new SettingsException("give " + value.key() + " or " + file.key() + ", not both");
        }
        if (path.isEmpty()) {
            return given;
        }
        // as for the settings themselves, surrounding whitespace (the newline an editor adds) is not part of it
        return Optional.of(SettingFile.read(file.key(), path.get(),
            () -> Files.readString(Path.of(path.get()), StandardCharsets.UTF_8),
            e -> file.key() + "='" + path.get() + "' cannot be read: " + e).strip());
    }
}
