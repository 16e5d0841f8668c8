package org.opencarboneval.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencarboneval.e2e.TrainingJvm.DL4J;
import static org.opencarboneval.e2e.TrainingJvm.DL4J_MAIN;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencarboneval.exporter.JsonReader;

/**
 * Two training processes of one Slurm job (RANK 0 and 1, WORLD_SIZE 2) on a node with two GPUs and no
 * CUDA_VISIBLE_DEVICES, NVML listing each process on its own GPU only (the stand-in at 250 W and 150 W): each agent
 * counts its own GPU only, a real Prometheus with the shipped recording rules sums the two into the job, and
 * {@code report} of the two ledgers gives the job's total.
 */
@Timeout(400)
class DistributedJobIT {

    private static final String JOB = "4242";
    private static final String RUN_ID = "slurm-" + JOB;
    private static final Path RULES = TrainingJvm.EXAMPLES.resolve("../dashboards/opencarboneval-rules.yml")
        .normalize();
    /**
     * epochs, examples, batch size, pause after this epoch: 100 steps, a pause (the JVM lives until the test has
     * asked Prometheus, however slow the machine), then 20 more.
     */
    private static final String[] TRAINING = {"6", "1000", "50", "5"};
    private static final long STEPS = 6 * 1000 / 50;
    private static final double[] GPU_WATTS = {250, 150};

    @Test
    void eachRankCountsItsOwnGpuAndTheRulesAndReportGiveTheJobsTotal() throws Exception {
        HostTool.required("prometheus", "prometheus");
        Path gate = TrainingJvm.workFile("distributed-gate");
        Files.deleteIfExists(gate);
        List<Path> ledgers = new ArrayList<>();
        List<TrainingJvm> jvms = new ArrayList<>();
        try {
            // the ranks wait at the gate until the stand-in lists their pids, as NVML would once they run kernels
            NvmlStandIn nvml = NvmlStandIn.twoGpus("distributed-job.txt");
            // one command line for both ranks, as a launcher gives it: each writes its own ledger and listens on the
            // port plus its place on the node
            int port = twoFreePorts();
            String agent = "port=" + port + ",ledger=" + TrainingJvm.workFile("distributed.jsonl") + ","
                + nvml.agentArgument();
            for (int rank = 0; rank < 2; rank++) {
                Path ledger = TrainingJvm.workFile("distributed.rank" + rank + ".jsonl");
                Files.deleteIfExists(ledger);
                ledgers.add(ledger);
                Map<String, String> environment = new HashMap<>(nvml.environment());
                environment.putAll(Map.of("SLURM_JOB_ID", JOB, "RANK", Integer.toString(rank), "WORLD_SIZE", "2",
                    "LOCAL_RANK", Integer.toString(rank)));
                jvms.add(TrainingJvm.startExampleAt(gate, "distributed-rank" + rank, DL4J, DL4J_MAIN, agent,
                    environment, TRAINING));
            }
            nvml.listProcesses(jvms.get(0).pid(), jvms.get(1).pid());
            Files.createFile(gate);
            List<MonitoredRun> ranks = List.of(MonitoredRun.of(RUN_ID, jvms.get(0)),
                MonitoredRun.of(RUN_ID, jvms.get(1)));
            for (int rank = 0; rank < 2; rank++) {
                assertEquals(port + rank, ranks.get(rank).port(), "rank " + rank + ": the port + its local rank");
                assertTrue(jvms.get(rank).stderr().contains("rank " + rank + " of 2 writes its own ledger "
                    + ledgers.get(rank)), jvms.get(rank).stderr());
                eachCountsOnlyItsOwnGpu(ranks.get(rank), rank);
            }
            try (PrometheusServer prometheus = PrometheusServer.scraping(
                    List.of(ranks.get(0).port(), ranks.get(1).port()), List.of(RULES),
                    Files.createTempDirectory(TrainingJvm.WORK, "prometheus-distributed"))) {
                theRulesSumTheRanks(prometheus);
            }
            for (TrainingJvm jvm : jvms) {
                jvm.sendLine();
            }
            for (TrainingJvm jvm : jvms) {
                assertEquals(0, jvm.finish(), jvm.stderr());
            }
        } finally {
            jvms.forEach(jvm -> jvm.process().destroyForcibly());
        }
        theReportOfBothLedgersIsTheJobsTotal(ledgers);
    }

    /** A port whose next one is free too, for a node's two ranks. */
    private static int twoFreePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            try (ServerSocket first = new ServerSocket(0, 1, loopback);
                 ServerSocket second = new ServerSocket(first.getLocalPort() + 1, 1, loopback)) {
                return first.getLocalPort();
            } catch (IOException taken) {
                // the next one is in use: try another pair
            }
        }
        throw new IOException("no two consecutive free ports on the loopback address");
    }

    private static void eachCountsOnlyItsOwnGpu(MonitoredRun run, int rank) throws Exception {
        int other = 1 - rank;
        Scrape scrape = run.awaitScrape(s -> s.has("oce_gpu_energy_joules_total")
            && s.value("oce_gpu_energy_joules_total", "gpu", Integer.toString(rank)) > 0, "energy on GPU " + rank);
        assertEquals(GPU_WATTS[rank], scrape.value("oce_power_watts", "component", "gpu"), 1e-9,
            "rank " + rank + " is charged its own GPU's power only:\n" + run.stderr());
        assertEquals(0, scrape.value("oce_gpu_energy_joules_total", "gpu", Integer.toString(other)),
            "GPU " + other + " runs the other rank");
        assertEquals(1, scrape.value("oce_agent_info", "run_id", RUN_ID, "rank", Integer.toString(rank),
            "world_size", "2"));
        String status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(run.baseUrl().resolve("status.json"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(status.contains("\"run_id\":\"" + RUN_ID + "\",\"rank\":\"" + rank + "\",\"world_size\":\"2\""),
            "the status page names the rank: " + status);
    }

    private static void theRulesSumTheRanks(PrometheusServer prometheus) throws Exception {
        String job = "{run_id=\"" + RUN_ID + "\"}";
        prometheus.await("run_id:oce_agent_info:count" + job,
            r -> r.size() == 1 && PrometheusServer.value(r.get(0)) == 2);
        Map<String, Object> power = prometheus.await("run_id_component:oce_power_watts:sum{run_id=\"" + RUN_ID
            + "\",component=\"gpu\"}", r -> r.size() == 1).get(0);
        assertEquals(GPU_WATTS[0] + GPU_WATTS[1], PrometheusServer.value(power), 1e-9);

        // A recorded sum is the sum of both ranks' series at the moment it was recorded: of samples from the
        // seconds before it (a scrape still being ingested while the rule ran is not in it), hence between the sums
        // of each series' least and greatest value then.
        for (String recorded : List.of("run_id:oce_energy_joules_total:sum" + job,
                "run_id:oce_emissions_grams_total:sum" + job, "run_id:oce_training_steps_total:sum" + job,
                "run_id_bound:oce_forecast_total_energy_joules:sum{run_id=\"" + RUN_ID + "\",bound=\"expected\"}")) {
            Map<String, Object> sample = prometheus.await(recorded, r -> r.size() == 1
                && PrometheusServer.value(r.get(0)) > 0).get(0);
            String raw = recorded.substring(recorded.indexOf(':') + 1, recorded.lastIndexOf(':'))
                + recorded.substring(recorded.indexOf('{'));
            double time = PrometheusServer.time(sample);
            assertEquals(2, prometheus.query("count(count by (instance) (" + raw + "))", time).stream()
                .mapToDouble(PrometheusServer::value).sum(), raw + " of both ranks");
            double least = PrometheusServer.value(prometheus.query("sum(min_over_time(" + raw + "[5s]))", time).get(0));
            double most = PrometheusServer.value(prometheus.query("sum(max_over_time(" + raw + "[5s]))", time).get(0));
            double value = PrometheusServer.value(sample);
            assertTrue(least <= value && value <= most, recorded + " = " + value + ", the ranks' sum then: " + least
                + ".." + most);
        }
    }

    @SuppressWarnings("unchecked")
    private static void theReportOfBothLedgersIsTheJobsTotal(List<Path> ledgers) throws Exception {
        double gpu = 0;
        double total = 0;
        for (int rank = 0; rank < 2; rank++) {
            Ledger ledger = Ledger.read(ledgers.get(rank));
            Map<String, Object> start = ledger.ofType("start").get(0);
            assertEquals(RUN_ID, start.get("run_id"));
            assertEquals(rank, Ledger.whole(start, "rank"));
            assertEquals(2, Ledger.whole(start, "world_size"));
            assertTrue(((String) start.get("power")).contains("GPU " + (1 - rank) + " used by other processes only: "
                + "none of it counted"), start.toString());
            Map<String, Object> end = ledger.end();
            assertEquals(2, Ledger.whole(start, "gpu_count"), "each rank sees the node's two GPUs");
            Map<String, Object> first = ledger.ofType("sample").get(0);
            double seconds = (Double) end.get("elapsed_s") - (Double) first.get("elapsed_s");
            assertEquals(seconds, (Double) end.get("gpu_s") - (Double) first.get("gpu_s"), seconds * 0.01,
                "and is charged one for its device time in calibrate");
            double watts = (Ledger.energy(end, "gpu") - Ledger.energy(first, "gpu"))
                / ((Double) end.get("elapsed_s") - (Double) first.get("elapsed_s"));
            assertEquals(GPU_WATTS[rank], watts, GPU_WATTS[rank] * 0.01, "rank " + rank + " measured its GPU only");
            gpu += Ledger.energy(end, "gpu");
            total += Ledger.energy(end, "gpu") + Ledger.energy(end, "cpu") + Ledger.energy(end, "dram");
        }

        TrainingJvm report = TrainingJvm.startCli("distributed-report", "report", ledgers.get(0).toString(),
            ledgers.get(1).toString(), "--json");
        assertEquals(0, report.finish(), report.stderr());
        Map<String, Object> job = (Map<String, Object>) JsonReader.parse(report.stdout());
        assertEquals(RUN_ID, job.get("run_id"));
        assertEquals(total, (Double) job.get("final_energy_j"), 1e-6 * total);
        assertEquals(gpu, (Double) ((Map<String, Object>) job.get("energy_j")).get("gpu"), 1e-6 * gpu);
        List<Object> ranks = (List<Object>) job.get("ranks");
        assertEquals(List.of(0.0, 1.0), ranks.stream().map(r -> ((Map<String, Object>) r).get("rank")).toList());
        assertEquals(2 * STEPS, Math.round((Double) job.get("steps")), "both ranks' steps");
        assertEquals(6, ((List<Object>) job.get("checkpoints")).size(), report.stdout());
    }
}
