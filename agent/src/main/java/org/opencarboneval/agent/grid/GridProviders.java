package org.opencarboneval.agent.grid;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.opencarboneval.agent.config.AgentSettings;
import org.opencarboneval.agent.config.EndpointSettings;
import org.opencarboneval.agent.config.IntensityChoice;
import org.opencarboneval.agent.config.SettingKey;
import org.opencarboneval.agent.config.SettingsException;
import org.opencarboneval.agent.thread.Bounded;
import org.opencarboneval.calibration.GridIntensities;

/**
 * The intensity provider {@code intensity=} names, checked before the run starts: the settings it needs (a zone, a
 * token, a login, a file that reads), none that it does not take, and a UK zone that the API accepts.
 */
public final class GridProviders {

    private static final Set<SettingKey> INTENSITY_KEYS = EnumSet.of(SettingKey.INTENSITY_FILE,
        SettingKey.INTENSITY_URL, SettingKey.INTENSITY_ZONE, SettingKey.INTENSITY_TOKEN,
        SettingKey.INTENSITY_TOKEN_FILE, SettingKey.INTENSITY_USER, SettingKey.INTENSITY_PASSWORD,
        SettingKey.INTENSITY_PASSWORD_FILE, SettingKey.INTENSITY_REFRESH, SettingKey.INTENSITY_SHARE);

    private GridProviders() {
    }

    /** Empty for {@code intensity=table}; {@code console} gets the providers' one-off notes (no forecast offered). */
    public static Optional<IntensityProvider> from(AgentSettings settings, Consumer<String> console)
            throws SettingsException {
        return from(settings, console, Bounded.BEFORE_THE_RUN);
    }

    /** As above, waiting up to {@code fileCheckLimit} for the intensity file's first read. */
    static Optional<IntensityProvider> from(AgentSettings settings, Consumer<String> console, Duration fileCheckLimit)
            throws SettingsException {
        IntensityChoice choice = settings.intensity();
        Set<SettingKey> taken = switch (choice) {
            case TABLE -> EnumSet.noneOf(SettingKey.class);
            case FILE -> EnumSet.of(SettingKey.INTENSITY_FILE, SettingKey.INTENSITY_REFRESH);
            case ELECTRICITYMAPS -> EnumSet.of(SettingKey.INTENSITY_URL, SettingKey.INTENSITY_ZONE,
                SettingKey.INTENSITY_TOKEN, SettingKey.INTENSITY_TOKEN_FILE, SettingKey.INTENSITY_REFRESH,
                SettingKey.INTENSITY_SHARE);
            case WATTTIME -> EnumSet.of(SettingKey.INTENSITY_URL, SettingKey.INTENSITY_ZONE, SettingKey.INTENSITY_USER,
                SettingKey.INTENSITY_PASSWORD, SettingKey.INTENSITY_PASSWORD_FILE, SettingKey.INTENSITY_REFRESH,
                SettingKey.INTENSITY_SHARE);
            case UK -> EnumSet.of(SettingKey.INTENSITY_URL, SettingKey.INTENSITY_ZONE, SettingKey.INTENSITY_REFRESH,
                SettingKey.INTENSITY_SHARE);
        };
        for (SettingKey key : INTENSITY_KEYS) {
            if (settings.text(key).isPresent() && !taken.contains(key)) {
                throw new SettingsException(key.key() + " does not apply to intensity=" + choice.label()
                    + (taken.isEmpty() ? " (the default; set intensity=file, electricitymaps, watttime or uk)"
                        : "; it takes " + taken.stream().map(SettingKey::key).collect(Collectors.joining(", "))));
            }
        }
        return switch (choice) {
            case TABLE -> Optional.empty();
            case FILE -> Optional.of(file(settings, console, fileCheckLimit));
            case ELECTRICITYMAPS -> shared(settings, ElectricityMapsProvider.DEFAULT_BASE, console,
                base -> new ElectricityMapsProvider(base, zone(settings, choice, "DE or US-CAL-CISO"),
                    required(EndpointSettings.password(settings, SettingKey.INTENSITY_TOKEN,
                        SettingKey.INTENSITY_TOKEN_FILE), "intensity=electricitymaps needs intensity.token.file (or "
                            + "intensity.token): the auth-token from api-portal.electricitymaps.com"),
                    ProviderHttp.standard("Electricity Maps"), console));
            case WATTTIME -> shared(settings, WattTimeProvider.DEFAULT_BASE, console,
                base -> new WattTimeProvider(base, zone(settings, choice, "CAISO_NORTH"),
                    required(settings.text(SettingKey.INTENSITY_USER), "intensity=watttime needs intensity.user"),
                    required(EndpointSettings.password(settings, SettingKey.INTENSITY_PASSWORD,
                        SettingKey.INTENSITY_PASSWORD_FILE), "intensity=watttime needs intensity.password.file (or "
                            + "intensity.password)"),
                    ProviderHttp.standard("WattTime")));
            case UK -> shared(settings, UkCarbonIntensityProvider.DEFAULT_BASE, console,
                base -> new UkCarbonIntensityProvider(base, ukZone(settings),
                    ProviderHttp.standard("UK Carbon Intensity")));
        };
    }

    /**
     * The bundled table's region for the provider's zone where no {@code region} is given: the UK's zones are in GB,
     * and an Electricity Maps zone names its country first ("US-CAL-CISO", "DK-DK1"). The run is charged that
     * country's yearly value before the provider's first answer, once its answers are stale and past its forecast,
     * instead of the world average. Empty where the zone names no country in the table (WattTime's "CAISO_NORTH").
     */
    public static Optional<String> tableRegion(AgentSettings settings) {
        Optional<String> country = switch (settings.intensity()) {
            case UK -> Optional.of("GB");
            case ELECTRICITYMAPS, WATTTIME -> settings.text(SettingKey.INTENSITY_ZONE)
                .map(zone -> zone.split("-", 2)[0].strip());
            case TABLE, FILE -> Optional.empty();
        };
        return country.filter(code -> GridIntensities.bundled().all().stream()
            .anyMatch(region -> region.kind().equals("country") && region.code().equalsIgnoreCase(code)));
    }

    /** A network provider, built for its address ({@code intensity.url} or its public one). */
    @FunctionalInterface
    private interface AtAddress {
        IntensityProvider at(URI base) throws SettingsException;
    }

    /** A network provider whose answers its fellow processes share ({@link SharedAnswers}). */
    private static Optional<IntensityProvider> shared(AgentSettings settings, URI publicBase, Consumer<String> console,
                                                      AtAddress provider) throws SettingsException {
        URI base = settings.text(SettingKey.INTENSITY_URL).map(URI::create).orElse(publicBase);
        // the directory is not looked at here, before the run: a missing one is said at the first answer to share, and
        // one on a file system that hangs is the poll's hang, said by the poller
        return Optional.of(new SharedAnswers(provider.at(base), base, settings.intensityShare(),
            settings.intensityRefresh(), console));
    }

    /**
     * The file is read once before the run, so that a bad one keeps the agent off as a bad setting does; on a thread
     * of its own, given {@code limit}: one on a file system that has stopped (or a named pipe) must not hold up the
     * application's start, and its polls, each given its own limit, read it later.
     */
    private static IntensityProvider file(AgentSettings settings, Consumer<String> console, Duration limit)
            throws SettingsException {
        Path path = Path.of(required(settings.text(SettingKey.INTENSITY_FILE),
            "intensity=file needs intensity.file, a CSV of " + IntensityFileProvider.HEADER + " rows"));
        IntensityFileProvider provider = new IntensityFileProvider(path);
        try {
            Bounded.call("opencarboneval-intensity-file", limit, () -> provider.fetch(Instant.now()));
        } catch (IntensityException bad) {
            throw new SettingsException(bad.getMessage());
        } catch (Bounded.TimedOut slow) {
            console.accept("intensity.file='" + path + "' was not read " + slow.within() + ": the run starts "
                + "without it checked, at the table's intensity until a poll reads it");
        } catch (Exception other) {
            throw new SettingsException("intensity.file='" + path + "' cannot be read: " + other);
        }
        return provider;
    }

    private static String zone(AgentSettings settings, IntensityChoice choice, String example)
            throws SettingsException {
        return required(settings.text(SettingKey.INTENSITY_ZONE), "intensity=" + choice.label()
            + " needs intensity.zone, the provider's zone or region, e.g. " + example);
    }

    /** A region id 1-17 or an outward postcode (the API takes no full postcode); none for the national figures. */
    private static Optional<String> ukZone(AgentSettings settings) throws SettingsException {
        Optional<String> zone = settings.text(SettingKey.INTENSITY_ZONE);
        if (zone.isPresent()) {
            String value = zone.get();
            boolean regionId = value.matches("\\d{1,2}") && Integer.parseInt(value) >= 1
                && Integer.parseInt(value) <= 17;
            if (!regionId && !value.matches("[A-Za-z]{1,2}\\d[A-Za-z\\d]?")) {
                throw new SettingsException("bad setting intensity.zone='" + value + "' for intensity=uk: expected a "
                    + "region id from 1 to 17 or an outward postcode such as RG41 or SW1 (not a full postcode), or "
                    + "no zone for the national figures");
            }
        }
        return zone;
    }

    private static String required(Optional<String> value, String problem) throws SettingsException {
        return value.orElseThrow(() -> new SettingsException(problem));
    }
}
