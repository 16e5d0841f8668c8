package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opencarboneval.calibration.CsvTable;

/** Every published OpenCarbonEval prediction, recomputed through the {@code estimate} command. */
class PaperLeaderboardTest {

    @Test
    void reproducesEveryLeaderboardRowWithinATenthOfAPercent() {
        Map<String, Double> published = new HashMap<>();
        for (CsvTable.Row row : CsvTable.read(SharedData.file("opencarboneval/leaderboard.csv")).rows()) {
            published.put(row.requiredText("model"), row.requiredNumber("tco2eq"));
        }
        List<CsvTable.Row> inputs = CsvTable.read(SharedData.file("opencarboneval/model_emission.csv")).rows();
        assertEquals(published.size(), inputs.size());
        CliRunner cli = CliRunner.isolated();
        StringBuilder failures = new StringBuilder();
        for (CsvTable.Row row : inputs) {
            String model = row.requiredText("System");
            CliRunner.Result result = cli.run("estimate", "--flops", row.requiredText("Training compute (FLOP)"),
                "--hardware", row.requiredText("Training hardware"), "--ci", row.requiredText("kgco2/kwh"),
                "--method", "paper", "--json");
            assertEquals(0, result.status(), model + ": " + result.err());
            double tonnes = result.number("emissions_kg") / 1000;
            double expected = published.get(model);
            if (Math.abs(tonnes - expected) > 0.001 * expected) {
                failures.append(String.format("%s: %.2f t, published %.2f t%n", model, tonnes, expected));
            }
        }
        assertTrue(failures.length() == 0, failures.toString());
    }

    @Test
    void theIssuesGpt3Example() {
        CliRunner.Result result = CliRunner.isolated().run("estimate", "--flops", "3.14e23", "--hardware",
            "NVIDIA Tesla V100 DGXS 32 GB", "--ci", "0.409", "--method", "paper", "--json");
        assertEquals(562698, result.number("emissions_kg"), 0.001 * 562698);
        assertTrue(result.number("emissions_kg_low") < result.number("emissions_kg"));
        assertTrue(result.number("emissions_kg_high") > result.number("emissions_kg"));
    }
}
