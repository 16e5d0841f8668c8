package org.opencarboneval.agent.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ledgers of one rank of a job, as the agent writes them: a start record naming the rank, then a steady run of 100
 * seconds at the given step rate and GPU and CPU power, ending in an end record.
 */
public final class RankLedgers {

    private RankLedgers() {
    }

    /** Rank {@code rank} of {@code worldSize}; a negative rank writes a start record without rank (an older agent). */
    public static Path write(Path file, String runId, int rank, int worldSize, int stepsPerSecond, double gpuWatts,
            double cpuWatts) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"start\",\"run_id\":\"" + runId + "\",\"pid\":1" + (rank < 0 ? ""
            : ",\"rank\":" + rank + ",\"world_size\":" + worldSize) + ",\"pue\":1.2,\"settings\":{}}");
        for (int t = 0; t <= 100; t++) {
            double gpu = gpuWatts * t;
            double cpu = cpuWatts * t;
            lines.add(String.format(Locale.ROOT, "{\"type\":\"%s\",\"run_id\":\"%s\",\"seq\":%d,\"elapsed_s\":%d,"
                + "\"steps\":%d,\"samples\":0,\"epochs\":%d,\"total_steps\":%d,"
                + "\"energy_j\":{\"gpu\":%f,\"cpu\":%f,\"dram\":0},\"co2e_g\":%f}",
                t == 100 ? "end" : "sample", runId, t + 1, t, stepsPerSecond * t, t / 10, stepsPerSecond * 100,
                gpu, cpu, (gpu + cpu) / 3.6e6 * 1.2 * 400));
        }
        return Files.write(file, lines);
    }
}
