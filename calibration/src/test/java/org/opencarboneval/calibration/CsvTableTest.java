package org.opencarboneval.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    private static CsvTable parse(String text) throws IOException {
        return CsvTable.parse("test.csv", new StringReader(text));
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
        CsvTable table = parse("a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\n2,,3\n");
        assertEquals(2, table.rows().size());
        assertEquals("x, \"y\"", table.rows().get(0).text("b"));
        assertEquals("two\nlines", table.rows().get(0).text("c"));
        assertTrue(Double.isNaN(table.rows().get(1).number("b")));
        assertEquals(3, table.rows().get(1).requiredNumber("c"));
    }

    @Test
    void aRowKnowsTheLineItStartsOnAfterMultiLineFields() throws IOException {
        CsvTable table = parse("a,b\n1,\"x\ny\"\n2,3\n");
        assertEquals(2, table.rows().get(0).line());
        assertEquals(4, table.rows().get(1).line());
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsNamesItsLine() {
        DataFileException e = assertThrows(DataFileException.class, () -> parse("a,b\n1,2\n3\n"));
        assertEquals("test.csv, line 3: has 1 fields but the header has 2", e.getMessage());
    }

    @Test
    void aNonNumberNamesTheColumnAndValue() throws IOException {
        CsvTable table = parse("a,b\n1,abc\n");
        DataFileException e = assertThrows(DataFileException.class, () -> table.rows().get(0).number("b"));
        assertEquals("test.csv, line 2: column 'b' holds 'abc', which is not a number", e.getMessage());
        assertTrue(Double.isNaN(table.rows().get(0).lenientNumber("b")));
    }

    @Test
    void missingColumnsAndUnterminatedQuotesAreReported() throws IOException {
        assertThrows(DataFileException.class, () -> parse("a,b\n1,2\n").requireColumns("a", "z"));
        assertThrows(DataFileException.class, () -> parse("a,b\n1,\"2\n"));
        assertThrows(DataFileException.class, () -> parse(""));
    }

    /** As Excel's "CSV UTF-8" saves it: the byte-order mark must not end up in the first column's name. */
    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("runs.csv");
        Files.write(file, ("\uFEFFa,b\n1,2\n").getBytes(StandardCharsets.UTF_8));

        CsvTable table = CsvTable.read(file).requireColumns("a", "b");

        assertEquals(List.of("a", "b"), table.header());
        assertEquals("1", table.rows().get(0).text("a"));
        assertEquals("\uFEFFx", parse("a\n\uFEFFx\n").rows().get(0).text("a"), "only the file's first character");
    }
}
