package org.opencarboneval.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** TDP of common server and desktop CPUs by model-name substring ({@code cpu-tdp.csv}, each row with its source). */
final class CpuTdpTable {

    record Row(String pattern, double tdpWatts, String source) {
    }

    private final List<Row> rows;

    CpuTdpTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    static CpuTdpTable bundled() {
        try (InputStream in = CpuTdpTable.class.getResourceAsStream("cpu-tdp.csv")) {
            if (in == null) {
                return new CpuTdpTable(List.of());
            }
            return new CpuTdpTable(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Row> parse(BufferedReader reader) throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean header = true;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] fields = line.split(",", 3);
            rows.add(new Row(fields[0].strip(), Double.parseDouble(fields[1].strip()), fields[2].strip()));
        }
        return rows;
    }

    List<Row> rows() {
        return rows;
    }

    /** The row whose pattern is the longest substring of {@code cpuModel} (so "7950X3D" beats "7950X"). */
    Optional<Row> lookup(String cpuModel) {
        String model = cpuModel.toLowerCase(Locale.ROOT);
        return rows.stream().filter(row -> model.contains(row.pattern().toLowerCase(Locale.ROOT)))
            .max(Comparator.comparingInt(row -> row.pattern().length()));
    }
}
