package org.opencarboneval.agent.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.calibration.grid.IntensityTimeline.Kind;

class IntensityFileProviderTest {

    @TempDir
    Path dir;

    @Test
    void eachRowHoldsUntilTheNextAndTheLastForEver() throws Exception {
        Path file = dir.resolve("ci.csv");
        Files.writeString(file, "time,g_per_kwh,kind\n# the morning\n2026-12-02T06:00:00Z,100,actual\n"
            + "2026-12-02T12:00+01:00,600.5,forecast\n\n");
        IntensityFileProvider provider = new IntensityFileProvider(file);
        GridFeed feed = GridFeed.fedBy(provider, 481);
        GridPoller.unscheduled(provider, feed, Instant::now, failure -> { throw new AssertionError(failure); })
            .poll();

        assertEquals(new IntensityInForce(481, IntensitySource.TABLE), feed.at(Instant.parse("2026-12-02T05:59:59Z")));
        assertEquals(new IntensityInForce(100, IntensitySource.FILE), feed.at(Instant.parse("2026-12-02T10:59:59Z")));
        assertEquals(new IntensityInForce(600.5, IntensitySource.FILE), feed.at(Instant.parse("2026-12-02T11:00:00Z")));
        assertEquals(new IntensityInForce(600.5, IntensitySource.FILE), feed.at(Instant.parse("2027-06-01T00:00:00Z")),
            "a file's last row is never stale");
        assertEquals(Kind.FORECAST, feed.outlook(Instant.EPOCH).at(Instant.parse("2026-12-02T11:00:00Z"))
            .orElseThrow().kind());
    }

    /** Spreadsheets save "CSV UTF-8" with a byte-order mark before the header. */
    @Test
    void aFileSavedWithAByteOrderMarkReads() throws Exception {
        Path file = dir.resolve("excel.csv");
        Files.writeString(file, "\uFEFFtime,g_per_kwh,kind\r\n2026-12-02T06:00:00Z,56,actual\r\n");
        assertEquals(56, new IntensityFileProvider(file).fetch(Instant.now()).timeline()
            .at(Instant.parse("2026-12-02T07:00:00Z")).orElseThrow().gramsPerKwh());
    }

    @Test
    void aBadFileNamesTheLineAndWhatIsExpected() throws Exception {
        Path file = dir.resolve("bad.csv");
        String expected = "; expected the header time,g_per_kwh,kind and rows like 2026-12-02T18:00:00Z,238,actual";
        assertEquals(bad(file, "time,g_per_kwh,kind\n2026-12-02T06:00:00Z,100,measured\n"),
            "intensity.file='" + file + "' line 2: kind 'measured' is neither actual nor forecast" + expected);
        assertEquals(bad(file, "time,g_per_kwh,kind\n2026-12-02 06:00,100,actual\n"), "intensity.file='" + file
            + "' line 2: '2026-12-02 06:00' is not an ISO-8601 time with an offset, e.g. 2026-12-02T18:00:00Z"
            + expected);
        assertEquals(bad(file, "time,g_per_kwh,kind\n2026-12-02T06:00:00Z,-5,actual\n"), "intensity.file='" + file
            + "' line 2: an intensity must be a number of at least 0 g/kWh, got -5.0 at 2026-12-02T06:00:00Z"
            + expected);
        assertEquals(bad(file, "time,g_per_kwh,kind\n2026-12-02T06:00:00Z,lots,actual\n"), "intensity.file='" + file
            + "' line 2: For input string: \"lots\"" + expected);
        assertEquals(bad(file, "2026-12-02T06:00:00Z,100,actual\n"), "intensity.file='" + file
            + "' line 1: '2026-12-02T06:00:00Z,100,actual' is not the header" + expected);
        assertEquals(bad(file, "time,g_per_kwh,kind\n2026-12-02T06:00:00Z,100\n"), "intensity.file='" + file
            + "' line 2: has 2 fields" + expected);
        assertEquals(bad(file, "time,g_per_kwh,kind\n"), "intensity.file='" + file + "' has no rows" + expected);
    }

    private static String bad(Path file, String text) throws Exception {
        Files.writeString(file, text);
        return assertThrows(IntensityException.class, () -> new IntensityFileProvider(file).fetch(Instant.now()))
            .getMessage();
    }
}
