package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencarboneval.agent.MeasuredCalibration;
import org.opencarboneval.exporter.chart.PageStyle;

class ReportCommandTest {

    private final CliRunner cli = CliRunner.isolated();

    /** A steady run of 10 epochs of 100 steps at 10 steps/s and 150 W, as the agent's ledger records it. */
    private static Path steadyLedger(Path dir, String settings) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"start\",\"run_id\":\"steady\",\"pue\":1.2,\"settings\":{" + settings + "}}");
        for (int t = 0; t <= 100; t++) {
            double joules = 150.0 * t;
            lines.add(String.format(Locale.ROOT, "{\"type\":\"%s\",\"run_id\":\"steady\",\"seq\":%d,"
                + "\"elapsed_s\":%d,\"steps\":%d,\"samples\":0,\"epochs\":%d,\"total_steps\":1000,"
                + "\"energy_j\":{\"gpu\":%f,\"cpu\":0,\"dram\":0},\"co2e_g\":%f}",
                t == 100 ? "end" : "sample", t + 1, t, 10 * t, t / 10, joules, joules / 3.6e6 * 1.2 * 400));
        }
        lines.add("{\"type\":\"sample\",\"run_id\":\"stead");
        Path ledger = dir.resolve("run.jsonl");
        Files.write(ledger, lines);
        return ledger;
    }

    @Test
    void replaysASteadyRunAtTheStandardCheckpoints(@TempDir Path dir) throws IOException {
        CliRunner.Result result = cli.run("report", steadyLedger(dir, "").toString(), "--json");
        assertEquals(0, result.status(), result.err());
        assertEquals(15000, result.number("final_energy_j"), 1e-6);
        assertEquals(6, result.out().split("\"progress\"", -1).length - 1, result.out());
        List<Double> live = numbers(result.out(), "\"live\":\\{\"energy_j\":");
        List<Double> firstEpoch = numbers(result.out(), "\"first_epoch\":\\{\"energy_j\":");
        assertEquals(6, live.size(), "a live forecast at every checkpoint: " + result.out());
        live.forEach(e -> assertEquals(15000, e, 1e-6, "a steady run is forecast exactly"));
        assertEquals(5, firstEpoch.size(), "the first epoch ends at 10%: " + result.out());
        firstEpoch.forEach(e -> assertEquals(15000, e, 1e-6));
        assertTrue(result.out().contains("\"apriori\":null"), "no compute given: " + result.out());
    }

    /** Every run of a directory of ledgers, plain and gzip: one table, with each method's errors and the coverage. */
    @Test
    void aCorpusIsSummedUpPerCheckpoint(@TempDir Path dir) throws IOException {
        Path corpus = Files.createDirectory(dir.resolve("corpus"));
        Path plain = steadyLedger(corpus, "");
        try (var gzip = new java.util.zip.GZIPOutputStream(Files.newOutputStream(corpus.resolve("copy.jsonl.gz")))) {
            gzip.write(Files.readAllBytes(plain));
        }
        Files.writeString(corpus.resolve("notes.txt"), "not a ledger");
        CliRunner.Result result = cli.run("report", "--corpus", corpus.toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().startsWith(corpus + ": 2 runs"), result.out());
        assertTrue(result.out().contains(
            "| progress | live | first epoch | linear | recent | completed epochs | held | band |"), result.out());
        assertTrue(result.out().contains("| 20% | 0.0 / 0.0% (2) |"), "a steady run is forecast exactly: "
            + result.out());
        assertTrue(result.out().contains("| 20% | 0.0 / 0.0% (2) | 0.0 / 0.0% (2; live closer in 50%) |"),
            "beside a baseline, how often the live forecast came closer (ties count half); two runs are too few "
                + "for the medians' gap: " + result.out());
        Path ten = Files.createDirectory(dir.resolve("ten"));
        for (int copy = 0; copy < 10; copy++) {
            Files.copy(plain, ten.resolve("run-" + copy + ".jsonl"));
        }
        CliRunner.Result tenRuns = cli.run("report", "--corpus", ten.toString());
        assertTrue(tenRuns.out().contains("| 20% | 0.0 / 0.0% (10) | 0.0 / 0.0% (10; live closer in 50%, gap +0.0 "
            + "[+0.0, +0.0]) |"), "from ten runs, the medians' gap and its interval: " + tenRuns.out());
        assertTrue(cli.run("report", "--corpus", dir.resolve("missing").toString()).err().contains("missing"));
        assertTrue(cli.run("report", "--corpus", corpus.toString(), "--json").err().contains("--corpus takes"));
    }

    @Test
    void writesASelfContainedPageWithTheChartsAndTheCheckpoints(@TempDir Path dir) throws IOException {
        Path page = dir.resolve("report.html");
        CliRunner.Result result = cli.run("report", steadyLedger(dir, "").toString(), "--html", page.toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().startsWith("run steady:"), "the table is printed as without --html: " + result.out());
        assertTrue(result.err().contains("wrote " + page), result.err());
        String html = Files.readString(page);
        for (String id : List.of("chart_power_line", "chart_throughput_line", "chart_forecasts_live",
                "chart_forecasts_live_band", "chart_forecasts_final", "chart_forecasts_first_epoch")) {
            assertTrue(html.contains("id=\"" + id + "\""), id + " is drawn");
        }
        assertEquals(6, html.split("<tr><td>", -1).length - 1, "a table row per checkpoint");
        assertTrue(html.contains(PageStyle.css()), "the stylesheet it shares with the status page");
        assertTrue(html.contains("<td>20.0 %</td><td>4.17 Wh</td>"), "150 W for 100 s is 4.17 Wh, forecast exactly");
        assertTrue(html.contains(">power (W)<") && html.contains(">total energy (Wh)<"), "axes name their units");
        for (String external : List.of("<script", " src=", "href=", "url(", "@import")) {
            assertTrue(!html.contains(external), "nothing fetched or run: " + external);
        }
    }

    @Test
    void aPageThatCannotBeWrittenFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Path page = dir.resolve("missing-directory").resolve("report.html");
        CliRunner.Result result = cli.run("report", steadyLedger(dir, "").toString(), "--html", page.toString());
        assertEquals(1, result.status(), result.err());
        assertTrue(result.err().contains("cannot write the page '" + page + "'"), result.err());
        assertTrue(cli.run("report", "--corpus", dir.toString(), "--html", page.toString()).err()
            .contains("--corpus takes"), "--html is one run's page");
    }

    private static List<Double> numbers(String json, String before) {
        List<Double> found = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(before + "([-0-9.eE+]+)").matcher(json);
        while (m.find()) {
            found.add(Double.parseDouble(m.group(1)));
        }
        return found;
    }

    @Test
    void theTableSaysHowOftenTheIntervalHeld(@TempDir Path dir) throws IOException {
        CliRunner.Result result = cli.run("report", steadyLedger(dir, "").toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().startsWith("run steady: 1000 steps, 101 samples"), result.out());
        assertTrue(result.out().contains("interval held at "), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("80%")), result.out());
    }

    /** The a-priori estimate is the one the agent made at the start, whatever became of its calibration since. */
    @Test
    void theAprioriEstimateIsTheOneTheStartRecordKeeps(@TempDir Path dir) throws IOException {
        Path ledger = steadyLedger(dir, "\"total.flops\":\"1e18\",\"calibration\":\"" + dir.resolve("gone.properties")
            + "\"");
        Files.writeString(ledger, Files.readString(ledger).replaceFirst("\"pue\":1.2,",
            "\"pue\":1.2,\"apriori_energy_j\":3.2e6,"));
        CliRunner.Result result = cli.run("report", ledger.toString(), "--json");
        assertEquals(0, result.status(), result.err());
        assertEquals(3.2e6, numbers(result.out(), "\"apriori\":\\{\"energy_j\":").get(0), 1e-6);
        assertFalse(result.err().contains("calibration"), "the calibration file, long gone, is not looked for: "
            + result.err());
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) throws IOException {
        assertTrue(cli.run("report").err().contains("give a ledger file, or the ledgers of one job's ranks"));
        assertTrue(cli.run("report", dir.resolve("none.jsonl").toString()).err().contains("cannot read the ledger"));
        Path noSamples = Files.writeString(dir.resolve("no-samples.jsonl"), "{\"type\":\"start\"}\n");
        assertTrue(cli.run("report", noSamples.toString()).err().contains("holds no sample records"));
        CliRunner.Result unknown = cli.run("report", steadyLedger(dir, "").toString(), "--run-id", "other");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("holds no run 'other'"), unknown.err());
    }

    /** Each gets one line naming the path and what is wrong, and status 2. */
    @Test
    void aLedgerThatIsNoLedgerIsNamed(@TempDir Path dir) throws Exception {
        Path ledger = steadyLedger(dir, "");
        Path bom = dir.resolve("bom.jsonl");
        Files.write(bom, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Files.readAllBytes(ledger)));
        assertError(bom, "the ledger '" + bom + "' starts with a UTF-8 byte-order mark, which the agent never writes;"
            + " expected JSON lines without one (was it saved by an editor?)");

        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        assertError(empty, "the ledger '" + empty + "' is empty; expected the JSON lines the agent writes");
        Path blank = Files.writeString(dir.resolve("blank.jsonl"), "\n  \n");
        assertError(blank, "the ledger '" + blank + "' is empty; expected the JSON lines the agent writes");

        byte[] noise = new byte[100_000];
        new java.util.SplittableRandom(7).nextBytes(noise);
        noise[0] = 0; // not the gzip magic by chance
        Path binary = Files.write(dir.resolve("binary.jsonl"), noise);
        String binaryError = cli.run("report", binary.toString()).err();
        assertTrue(binaryError.startsWith("report: the ledger '" + binary + "' holds no ledger records: none of its "),
            binaryError);
        assertTrue(binaryError.contains("lines is a JSON object (is it a ledger the agent wrote?)"), binaryError);

        assertError(dir, "the ledger '" + dir + "' is a directory; expected a regular file, the JSON lines the agent "
            + "writes with ledger=PATH");
        Path fifo = dir.resolve("pipe.jsonl");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertError(fifo, "the ledger '" + fifo + "' is a named pipe, socket or device, not a regular file; expected a "
            + "regular file, the JSON lines the agent writes with ledger=PATH");
    }

    @Test
    void damagedLinesAreToldOnceAndTheRunIsStillReplayed(@TempDir Path dir) throws IOException {
        CliRunner.Result result = cli.run("report", steadyLedger(dir, "").toString(), "--json");

        assertEquals(0, result.status(), result.err());
        assertEquals("report: skipped 1 damaged line of the ledger " + dir.resolve("run.jsonl")
            + " (line 103: unexpected end at character 32)" + System.lineSeparator(), result.err());
    }

    private void assertError(Path ledger, String message) {
        CliRunner.Result result = cli.run("report", ledger.toString());
        assertEquals(2, result.status(), result.err());
        assertEquals("report: " + message, result.err().lines().findFirst().orElse(""), result.err());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
