package org.opencarboneval.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV file (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks) read into rows keyed by the
 * header. Every data-file loader reads through this one class, so quoting and error messages behave the same.
 */
public final class CsvTable {

    private final String origin;
    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(String origin, List<String> header, List<Row> rows) {
        this.origin = origin;
        this.header = header;
        this.rows = rows;
    }

    public static CsvTable read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a data file shipped in this module's resources. */
    public static CsvTable resource(String name) {
        InputStream in = CsvTable.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing bundled data file " + name);
        }
        try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(name, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled data file " + name, e);
        }
    }

    /** The fields of one record and the line it starts on (a quoted field may span lines). */
    private record Fields(int line, List<String> values) {
    }

    static CsvTable parse(String origin, Reader reader) throws IOException {
        List<Fields> records = records(origin, withoutByteOrderMark(marked(reader)));
        if (records.isEmpty()) {
            throw new DataFileException(origin, 1, "the file is empty; expected a header line");
        }
        List<String> header = records.get(0).values();
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip(), i);
        }
        List<Row> rows = new ArrayList<>();
        for (Fields record : records.subList(1, records.size())) {
            List<String> fields = record.values();
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            if (fields.size() != header.size()) {
                throw new DataFileException(origin, record.line(),
                    "has " + fields.size() + " fields but the header has " + header.size());
            }
            rows.add(new Row(origin, record.line(), columns, fields));
        }
        return new CsvTable(origin, List.copyOf(header), Collections.unmodifiableList(rows));
    }

    private static List<Fields> records(String origin, Reader reader) throws IOException {
        List<Fields> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int recordLine = 1;
        int c;
        boolean afterCarriageReturn = false;
        while ((c = reader.read()) != -1) {
            any = true;
            char ch = (char) c;
            boolean carriageReturn = afterCarriageReturn;
            afterCarriageReturn = ch == '\r';
            if (quoted) {
                if (ch == '"') {
                    reader.mark(1);
                    int next = reader.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next == -1) {
                            break;
                        }
                        reader.reset();
                    }
                } else {
                    // A line break inside a quoted field is CR, LF or CR LF, counted once.
                    if (ch == '\r' || (ch == '\n' && !carriageReturn)) {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    reader.mark(1);
                    if (reader.read() != '\n') {
                        reader.reset();
                    }
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(new Fields(recordLine, fields));
                fields = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new DataFileException(origin, line, "ends inside a quoted field");
        }
        if (any && (field.length() > 0 || !fields.isEmpty())) {
            fields.add(field.toString());
            records.add(new Fields(recordLine, fields));
        }
        return records;
    }

    private static Reader marked(Reader reader) {
        return reader.markSupported() ? reader : new java.io.BufferedReader(reader);
    }

    /** Spreadsheet programs often save CSV with a UTF-8 byte-order mark; it must not become part of the first name. */
    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    public String origin() {
        return origin;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Fails with a message naming the file and the missing columns. */
    public CsvTable requireColumns(String... names) {
        Set<String> present = Set.copyOf(header.stream().map(String::strip).toList());
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!present.contains(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataFileException(origin, 1, "lacks the column(s) " + missing + "; it has " + header);
        }
        return this;
    }

    /** One data line; typed getters say which file, line and column hold a bad value. */
    public static final class Row {
        private final String origin;
        private final int line;
        private final Map<String, Integer> columns;
        private final List<String> fields;

        Row(String origin, int line, Map<String, Integer> columns, List<String> fields) {
            this.origin = origin;
            this.line = line;
            this.columns = columns;
            this.fields = fields;
        }

        public int line() {
            return line;
        }

        /** The stripped text of a column, empty when the column is absent or blank. */
        public String text(String column) {
            Integer index = columns.get(column);
            return index == null ? "" : fields.get(index).strip();
        }

        public String requiredText(String column) {
            String value = text(column);
            if (value.isEmpty()) {
                throw new DataFileException(origin, line, "has no value in column '" + column + "'");
            }
            return value;
        }

        /** A {@code |}-separated list, empty when the field is blank. */
        public List<String> list(String column) {
            return java.util.Arrays.stream(text(column).split("\\|")).map(String::strip).filter(v -> !v.isEmpty())
                .toList();
        }

        /** A number, or NaN when the field is blank. */
        public double number(String column) {
            String value = text(column);
            if (value.isEmpty()) {
                return Double.NaN;
            }
            try {
                double parsed = Double.parseDouble(value);
                if (!Double.isFinite(parsed)) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new DataFileException(origin, line,
                    "column '" + column + "' holds '" + value + "', which is not a number");
            }
        }

        public double requiredNumber(String column) {
            double value = number(column);
            if (Double.isNaN(value)) {
                throw new DataFileException(origin, line, "has no value in column '" + column + "'");
            }
            return value;
        }

        /** A number that may be absent or written in a non-numeric way (free-text columns of published data). */
        public double lenientNumber(String column) {
            try {
                return number(column);
            } catch (DataFileException e) {
                return Double.NaN;
            }
        }
    }
}
