package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.opencarboneval.calibration.Calibration;
import org.opencarboneval.calibration.Hardware;
import org.opencarboneval.calibration.HardwareCatalogue;
import org.opencarboneval.calibration.UnknownNameException;

/**
 * What the user's own runs measured, read from their ledgers for {@code calibrate --ledgers}: per run, the compute
 * done ({@code total.flops}, times the share of steps done when the run stopped short of its total) over the device
 * time, and the GPU energy over the same device time. The device time is the GPU time the agent charged the process
 * ({@code gpu_s}: each interval times its GPUs' shares, so a rank's neighbours' GPUs count nothing and a GPU two
 * processes share counts once between them), the very GPUs and shares its energy was charged for; in ledgers from
 * before {@code gpu_s} (all or part of them: a run resumed on an older agent's ledger), elapsed time x the GPUs the
 * start record saw. Ledgers with the same run id are the nodes or
 * ranks of one run: their device time and energy add up. Each ledger gives its last run; a ledger given twice, two
 * ledgers of one rank, or a copy of one, is refused, as {@code report} refuses them ({@link JobRun#requireDistinct}).
 */
public final class MeasuredRuns {

    private MeasuredRuns() {
    }

    /** One run as its ledgers tell it. */
    /** @param devices the GPUs charged, on average over the run: device time over elapsed time, summed over nodes */
    public record MeasuredRun(String runId, List<Path> ledgers, Hardware hardware, double devices, double flops,
                              double deviceSeconds, double gpuJoules) {

        public double tflopsPerDevice() {
            return flops / 1e12 / deviceSeconds;
        }

        public double wattsPerDevice() {
            return gpuJoules / deviceSeconds;
        }
    }

    /** One ledger's run: the figures of one node. */
    private record Node(Path ledger, String runId, Hardware hardware, double totalFlops, double progress,
                        double elapsedSeconds, double deviceSeconds, double gpuJoules) {
    }

    /**
     * The runs of these ledgers. A ledger that cannot be read, or whose run lacks what the fit needs (its
     * {@code total.flops}, a known accelerator, GPUs, elapsed time and GPU energy), is an exception naming the ledger,
     * the run and what is missing: a calibration silently fitted on fewer runs than given would mislead.
     */
    public static List<MeasuredRun> read(List<Path> ledgers, HardwareCatalogue catalogue) throws IOException {
        List<LedgerRun> read = new ArrayList<>();
        for (Path ledger : ledgers) {
            read.add(LedgerRun.read(ledger, Optional.empty()));
        }
        JobRun.requireDistinct(read);
        Map<String, List<Node>> byRun = new LinkedHashMap<>();
        for (LedgerRun run : read) {
            Node node = node(run.ledger(), run, catalogue);
            byRun.computeIfAbsent(node.runId(), id -> new ArrayList<>()).add(node);
        }
        List<MeasuredRun> runs = new ArrayList<>();
        byRun.forEach((runId, nodes) -> runs.add(merge(runId, nodes)));
        return runs;
    }

    /** Per catalogue hardware id: the pooled throughput and power of its runs (total compute over total time). */
    public static Map<String, Calibration.Measured> byHardware(List<MeasuredRun> runs) {
        Map<String, List<MeasuredRun>> grouped = new TreeMap<>();
        runs.forEach(run -> grouped.computeIfAbsent(run.hardware().id(), id -> new ArrayList<>()).add(run));
        Map<String, Calibration.Measured> measured = new TreeMap<>();
        grouped.forEach((id, group) -> {
            double flops = group.stream().mapToDouble(MeasuredRun::flops).sum();
            double seconds = group.stream().mapToDouble(MeasuredRun::deviceSeconds).sum();
            double joules = group.stream().mapToDouble(MeasuredRun::gpuJoules).sum();
            measured.put(id, new Calibration.Measured(id, flops / 1e12 / seconds, joules / seconds, group.size(),
                seconds / 3600));
        });
        return measured;
    }

    private static Node node(Path ledger, LedgerRun run, HardwareCatalogue catalogue) {
        String where = "ledger '" + ledger + "', run '" + run.runId() + "': ";
        double flops = run.totalFlops().orElseThrow(() -> new IllegalArgumentException(where + "its start record "
            + "has no total.flops; start the agent with total.flops=<the run's training FLOP> to calibrate from it"));
        LedgerSample last = run.last();
        double deviceSeconds = run.gpuSeconds().isPresent() ? run.gpuSeconds().getAsDouble()
            : last.elapsedSeconds() * run.gpuCount().orElseThrow(() -> new IllegalArgumentException(where + "it "
                + "does not say how many GPUs it used (written by an older agent); only ledgers that record gpu_s or "
                + "gpu_count can be used"));
        if (!(deviceSeconds > 0)) {
            throw new IllegalArgumentException(where + "no GPU time was charged to it (the agent saw no GPU, or none "
                + "was this process's), so there is no device time to fit");
        }
        String name = run.acceleratorName().orElseThrow(() ->
            new IllegalArgumentException(where + "it names no accelerator (no hardware setting, no GPU name)"));
        Hardware hardware;
        try {
            hardware = catalogue.resolve(name);
        } catch (UnknownNameException e) {
            throw new IllegalArgumentException(where + e.getMessage() + "; set hardware=<a catalogued name>");
        }
        if (!(last.elapsedSeconds() > 0) || !(last.energyJoules().gpu() > 0)) {
            throw new IllegalArgumentException(where + "it recorded " + last.elapsedSeconds() + " s and "
                + last.energyJoules().gpu() + " J of GPU energy; a run to fit needs both above zero");
        }
        double progress = last.totalSteps().isPresent() && last.totalSteps().getAsLong() > 0
            ? Math.min(1, (double) last.steps() / last.totalSteps().getAsLong())
            : 1;
        if (!(progress > 0)) {
            throw new IllegalArgumentException(where + "it recorded no training steps of its "
                + last.totalSteps().getAsLong());
        }
        return new Node(ledger, run.runId(), hardware, flops, progress, last.elapsedSeconds(), deviceSeconds,
            last.energyJoules().gpu());
    }

    private static MeasuredRun merge(String runId, List<Node> nodes) {
        Node first = nodes.get(0);
        for (Node node : nodes) {
            if (!node.hardware().equals(first.hardware()) || node.totalFlops() != first.totalFlops()) {
                throw new IllegalArgumentException("ledgers '" + first.ledger() + "' and '" + node.ledger()
                    + "' both hold run '" + runId + "' but disagree on its hardware or total.flops ("
                    + first.hardware().id() + " " + first.totalFlops() + " vs " + node.hardware().id() + " "
                    + node.totalFlops() + "); give each run its own run_id");
            }
        }
        // Data-parallel nodes count the same steps; the one furthest on says how much of the work was done.
        double progress = nodes.stream().mapToDouble(Node::progress).max().orElseThrow();
        return new MeasuredRun(runId, nodes.stream().map(Node::ledger).toList(), first.hardware(),
            nodes.stream().mapToDouble(n -> n.deviceSeconds() / n.elapsedSeconds()).sum(),
            first.totalFlops() * progress, nodes.stream().mapToDouble(Node::deviceSeconds).sum(),
            nodes.stream().mapToDouble(Node::gpuJoules).sum());
    }
}
