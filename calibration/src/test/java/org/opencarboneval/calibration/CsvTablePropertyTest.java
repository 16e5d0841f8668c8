package org.opencarboneval.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Property test of the reader every data file goes through (plain JUnit with a seeded generator, not jqwik): any
 * table written as RFC 4180 CSV, with fields holding commas, quotes, line breaks, blanks and non-ASCII, quoted when
 * they must be and sometimes when they need not, with either line ending, reads back field for field. A failure
 * names the case's seed.
 */
class CsvTablePropertyTest {

    private static final long SEED = 0xC5F7AB1EL;
    private static final int CASES = 2000;
    private static final String FIELD_CHARS = "ab Z09.,;\"'\n\r\t|-é漢";

    private record Table(List<String> header, List<List<String>> rows) {
    }

    /** The CSV text, and the physical line (from 1) on which each data row starts. */
    private record Written(String csv, List<Integer> rowLines) {
    }

    @Test
    void anyTableReadsBackFieldForField() {
        SplittableRandom seeds = new SplittableRandom(SEED);
        for (int i = 0; i < CASES; i++) {
            long seed = seeds.nextLong();
            SplittableRandom random = new SplittableRandom(seed);
            Table table = table(random);
            String csv = write(table, random).csv();
            try {
                CsvTable read = CsvTable.parse("generated.csv", new StringReader(csv));
                assertEquals(table.header(), read.header().stream().map(String::strip).toList());
                List<List<String>> expected = table.rows().stream().filter(row -> !skipped(row)).toList();
                assertEquals(expected.size(), read.rows().size(), "rows");
                for (int r = 0; r < expected.size(); r++) {
                    for (int c = 0; c < table.header().size(); c++) {
                        assertEquals(expected.get(r).get(c).strip(), read.rows().get(r).text(table.header().get(c)),
                            "row " + r + ", column " + table.header().get(c));
                    }
                }
            } catch (IOException | RuntimeException | AssertionError e) {
                throw new AssertionError("case " + i + " (seed " + seed + "), csv:\n" + csv, e);
            }
        }
    }

    /** Error messages name a row's line: the physical line its record starts on, after multi-line fields too. */
    @Test
    void aRowKnowsTheLineItStartsOn() {
        SplittableRandom seeds = new SplittableRandom(SEED);
        for (int i = 0; i < CASES; i++) {
            long seed = seeds.nextLong();
            SplittableRandom random = new SplittableRandom(seed);
            Table table = table(random);
            Written written = write(table, random);
            try {
                CsvTable read = CsvTable.parse("generated.csv", new StringReader(written.csv()));
                List<Integer> expected = new ArrayList<>();
                for (int r = 0; r < table.rows().size(); r++) {
                    if (!skipped(table.rows().get(r))) {
                        expected.add(written.rowLines().get(r));
                    }
                }
                assertEquals(expected, read.rows().stream().map(CsvTable.Row::line).toList());
            } catch (IOException | RuntimeException | AssertionError e) {
                throw new AssertionError("case " + i + " (seed " + seed + "), csv:\n" + written.csv(), e);
            }
        }
    }

    /** A one-column row whose only field is blank reads as a blank line, which the reader skips by design. */
    private static boolean skipped(List<String> row) {
        return row.size() == 1 && row.get(0).isBlank();
    }

    private static Table table(SplittableRandom random) {
        int columns = 1 + random.nextInt(5);
        List<String> header = new ArrayList<>();
        while (header.size() < columns) {
            String name = field(random).strip();
            if (!name.isEmpty() && !header.contains(name)) {
                header.add(name);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (int r = random.nextInt(6); r > 0; r--) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                row.add(field(random));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private static String field(SplittableRandom random) {
        StringBuilder field = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            field.append(FIELD_CHARS.charAt(random.nextInt(FIELD_CHARS.length())));
        }
        return field.toString();
    }

    /** RFC 4180, with blank lines sprinkled between records and an optional final line break. */
    private static Written write(Table table, SplittableRandom random) {
        String lineBreak = random.nextBoolean() ? "\n" : "\r\n";
        List<List<String>> records = new ArrayList<>();
        records.add(table.header());
        records.addAll(table.rows());
        StringBuilder csv = new StringBuilder();
        List<Integer> rowLines = new ArrayList<>();
        int line = 1;
        for (int r = 0; r < records.size(); r++) {
            if (r > 1 && random.nextInt(8) == 0) {
                csv.append(lineBreak);
                line++;
            }
            if (r > 0) {
                rowLines.add(line);
            }
            String record = String.join(",", records.get(r).stream().map(f -> quote(f, random)).toList());
            csv.append(record);
            line += record.replace("\r\n", "\n").replace('\r', '\n').chars().filter(c -> c == '\n').count();
            if (r < records.size() - 1 || random.nextBoolean()) {
                csv.append(lineBreak);
                line++;
            }
        }
        return new Written(csv.toString(), rowLines);
    }

    private static String quote(String field, SplittableRandom random) {
        boolean must = field.matches("(?s).*[,\"\r\n].*");
        return must || random.nextInt(4) == 0 ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
