package org.opencarboneval.agent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.opencarboneval.agent.ledger.JobRun;
import org.opencarboneval.agent.ledger.LedgerBacktest;
import org.opencarboneval.agent.ledger.LedgerRun;
import org.opencarboneval.agent.ledger.LedgerSample;
import org.opencarboneval.agent.ledger.SampleTimeline;
import org.opencarboneval.calibration.forecast.Backtest;
import org.opencarboneval.calibration.forecast.BacktestSummary;

/**
 * {@code report <ledger>}: replays a finished run and shows how each method's forecast of its total energy and CO2e,
 * made at 5, 10, 20, 30, 50 and 80% of its progress, compares with what it finally used ({@code --html FILE} also
 * draws it on a page); {@code report <ledger>...} does so for a job from its ranks' ledgers, with the job's totals;
 * {@code report --corpus <dir>...} does so for every run in directories of ledgers and sums each directory up.
 */
final class ReportCommand implements Command {

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "replay a run's ledger (several: one job's ranks, totalled; with --corpus, directories of them): "
            + "each method's forecast at 5-80% progress against the final measured total";
    }

    @Override
    public String positionals() {
        return "<ledger>... | --corpus <dir>...";
    }

    @Override
    public List<Option> options() {
        return List.of(
            Option.value("run-id", "ID", "the run to replay when a ledger holds several (default: the last one)"),
            Option.value("at", "P,P,...", "checkpoints as shares of progress (default 0.05,0.1,0.2,0.3,0.5,0.8)"),
            Option.flag("corpus", "the positionals are directories of ledgers (.jsonl, .jsonl.gz): replay every run "
                + "in them and print each directory's median and 90th-percentile errors and the band's coverage"),
            Option.flag("mixed-runs", "with several ledgers (one job's ranks), total them even if their run ids "
                + "differ"),
            Option.flag("json", "print one JSON object"),
            Option.value("html", "FILE", "also write a self-contained page (inline SVG, no script) with power and "
                + "throughput over the run and each method's forecast against the final total"));
    }

    @Override
    public int run(CommandArguments args, Console console) throws UsageException {
        double[] shares = checkpoints(args);
        if (args.flag("corpus")) {
            if (args.positionals().isEmpty() || args.flag("json") || args.text("run-id").isPresent()
                    || args.text("html").isPresent()) {
                throw new UsageException("--corpus takes one or more directories of ledgers, without --json, "
                    + "--run-id or --html, e.g. report --corpus runs/ (got " + args.positionals().size() + " paths)");
            }
            for (String directory : args.positionals()) {
                console.out().println(CorpusReport.table(directory, corpus(Path.of(directory), shares, console)));
            }
            return 0;
        }
        if (args.positionals().isEmpty()) {
            throw new UsageException("give a ledger file, or the ledgers of one job's ranks, e.g. report run.jsonl "
                + "(got none)");
        }
        if (args.positionals().size() > 1) {
            return job(args, shares, console);
        }
        if (args.flag("mixed-runs")) {
            throw new UsageException("--mixed-runs totals the ledgers of several ranks; give two or more");
        }
        LedgerRun run = read(Path.of(args.positionals().get(0)), args.text("run-id"));
        if (run.last().steps() <= 0) {
            throw new UsageException("run '" + run.runId() + "' recorded no training steps: nothing to replay");
        }
        run.damage().ifPresent(damage -> console.err().println(name() + ": " + damage));
        Optional<String> html = args.text("html");
        SampleTimeline timeline = new SampleTimeline(run.last().elapsedSeconds(), HtmlReport.TIMELINE_SPANS);
        // the page's series are gathered in the replay's one pass, and only for a page
        List<Backtest.Checkpoint> checkpoints = replay(run, shares, html.isPresent() ? timeline::add : sample -> { });
        console.out().println(args.flag("json") ? BacktestReport.json(run, checkpoints)
            : BacktestReport.table(run, checkpoints));
        if (html.isPresent()) {
            write(Path.of(html.get()), HtmlReport.page(run, timeline, checkpoints));
            console.err().println(name() + ": wrote " + html.get());
        }
        return 0;
    }

    /** Several ledgers: the ranks of one job, totalled and replayed as one run. */
    private int job(CommandArguments args, double[] shares, Console console) throws UsageException {
        if (args.text("html").isPresent()) {
            throw new UsageException("--html draws one run's ledger; give one ledger with it (got "
                + args.positionals().size() + ")");
        }
        List<LedgerRun> ranks = new ArrayList<>();
        for (String ledger : args.positionals()) {
            LedgerRun run = read(Path.of(ledger), args.text("run-id"));
            run.damage().ifPresent(damage -> console.err().println(name() + ": " + damage));
            ranks.add(run);
        }
        JobRun job;
        try {
            job = JobRun.of(ranks, args.flag("mixed-runs"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (job.steps() <= 0) {
            throw new UsageException("job " + String.join(" + ", job.runIds()) + " recorded no training steps: "
                + "nothing to replay");
        }
        job.missingRanks().ifPresent(line -> console.err().println(name() + ": " + line));
        List<Backtest.Checkpoint> checkpoints;
        try {
            checkpoints = LedgerBacktest.replay(job, shares, ranks.get(0).aprioriEnergyJoules());
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
        console.out().println(args.flag("json") ? JobReport.json(job, checkpoints)
            : JobReport.table(job, checkpoints));
        return 0;
    }

    private static BacktestSummary corpus(Path directory, double[] shares, Console console) throws UsageException {
        try {
            return LedgerBacktest.corpus(directory, shares, skipped -> console.err().println("report: skipped "
                + skipped));
        } catch (IOException e) {
            throw new UsageException("--corpus: " + e.getMessage());
        }
    }

    private static List<Backtest.Checkpoint> replay(LedgerRun run, double[] shares,
                                                    Consumer<LedgerSample> eachSample) throws UsageException {
        try {
            return LedgerBacktest.replay(run, shares, run.aprioriEnergyJoules(), eachSample);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** @throws UncheckedIOException naming the file: the report ran, its page could not be kept */
    private static void write(Path file, String page) {
        try {
            Files.writeString(file, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the page '" + file + "': " + e, e);
        }
    }

    private static double[] checkpoints(CommandArguments args) throws UsageException {
        Optional<String> at = args.text("at");
        if (at.isEmpty()) {
            return Backtest.STANDARD_CHECKPOINTS;
        }
        String[] parts = at.get().split(",");
        double[] shares = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                shares[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                shares[i] = Double.NaN;
            }
            if (!(shares[i] > 0 && shares[i] <= 1) || (i > 0 && shares[i] <= shares[i - 1])) {
                throw new UsageException("--at: '" + parts[i].strip() + "' is not a share of progress above the one "
                    + "before it; expected increasing numbers in (0, 1], e.g. 0.05,0.1,0.2,0.5,0.8");
            }
        }
        return shares;
    }

    private static LedgerRun read(Path ledger, Optional<String> runId) throws UsageException {
        try {
            return LedgerRun.read(ledger, runId);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
