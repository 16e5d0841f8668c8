package org.opencarboneval.agent.grid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.opencarboneval.calibration.grid.IntensityTimeline;
import org.opencarboneval.calibration.grid.IntensityTimeline.Kind;
import org.opencarboneval.calibration.grid.IntensityTimeline.Point;

/**
 * {@code intensity.file}: a CSV of {@code time,g_per_kwh,kind} (the header, then rows of an ISO-8601 time with its
 * offset, gCO2e/kWh, and {@code actual} or {@code forecast}), each row holding until the next and the last for ever.
 * Read at start (a bad file keeps the agent off, as a bad setting does) and at every refresh, so it may be updated
 * during the run; a bad re-read is a failed poll.
 */
final class IntensityFileProvider implements IntensityProvider {

    static final String HEADER = "time,g_per_kwh,kind";
    private static final String EXAMPLE = "expected the header " + HEADER + " and rows like "
        + "2026-12-02T18:00:00Z,238,actual";

    private final Path file;

    IntensityFileProvider(Path file) {
        this.file = file;
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public boolean isFile() {
        return true;
    }

    @Override
    public ProviderAnswer fetch(Instant now) throws IntensityException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IntensityException("intensity.file='" + file + "' cannot be read: " + e);
        }
        List<Point> points = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            // a spreadsheet's "CSV UTF-8" begins with a byte-order mark
            String line = (i == 0 && lines.get(i).startsWith("\uFEFF") ? lines.get(i).substring(1) : lines.get(i))
                .strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.replace(" ", "").equalsIgnoreCase(HEADER)) {
                    throw bad(i, "'" + line + "' is not the header");
                }
                header = true;
                continue;
            }
            points.add(row(i, line.split(",", -1)));
        }
        if (points.isEmpty()) {
            throw new IntensityException("intensity.file='" + file + "' has no rows; " + EXAMPLE);
        }
        return ProviderAnswer.of(IntensityTimeline.of(points));
    }

    private Point row(int index, String[] fields) throws IntensityException {
        if (fields.length != 3) {
            throw bad(index, "has " + fields.length + " fields");
        }
        Kind kind = switch (fields[2].strip().toLowerCase(Locale.ROOT)) {
            case "actual" -> Kind.ACTUAL;
            case "forecast" -> Kind.FORECAST;
            default -> throw bad(index, "kind '" + fields[2].strip() + "' is neither actual nor forecast");
        };
        try {
            return new Point(Times.parse(fields[0].strip()), Double.parseDouble(fields[1].strip()), kind);
        } catch (IllegalArgumentException e) { // also a NumberFormatException
            throw bad(index, e.getMessage());
        }
    }

    private IntensityException bad(int index, String problem) {
        return new IntensityException("intensity.file='" + file + "' line " + (index + 1) + ": " + problem + "; "
            + EXAMPLE);
    }
}
