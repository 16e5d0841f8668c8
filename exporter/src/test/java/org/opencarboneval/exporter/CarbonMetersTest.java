package org.opencarboneval.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid's series (source, advice, budgets) on a real scrape, and the shipped alerting rules on them: promtool's
 * rule tests fire and hold back each alert as its series say, and every series the rules name is one the
 * endpoint serves.
 */
class CarbonMetersTest {

    static final Set<String> GRID_NAMES = Set.of("oce_grid_intensity_source", "oce_advice_greenest_start_delay_seconds",
        "oce_advice_greenest_start_remaining_emissions_grams", "oce_budget_emissions_grams",
        "oce_budget_energy_joules", "oce_budget_used_ratio", "oce_budget_forecast_ratio");
    static final Path RULES = Path.of("..", "dashboards", "opencarboneval-alerts.yml");
    private static final Pattern SERIES_NAME = Pattern.compile("\\boce_[a-z_]+");

    @TempDir
    Path dir;

    private static Scrape scrape(RunView view) throws Exception {
        AtomicReference<RunView> run = new AtomicReference<>(view);
        StartResult result = MetricsExporter.start(ExporterOptions.plain("127.0.0.1", 0), run::get, l -> { });
        StartResult.Started started = assertInstanceOf(StartResult.Started.class, result, result.message());
        try {
            started.running().refresh();
            return Http.scrape(started);
        } finally {
            started.running().close();
        }
    }

    @Test
    void theSourceIsAStateSetAndAdviceAndBudgetsShowWhileTheyExist() throws Exception {
        Scrape full = scrape(TestRuns.full());
        full.assertValue(1, "oce_grid_intensity_source", "source", "live");
        for (String other : new String[] {"forecast", "table", "file"}) {
            full.assertValue(0, "oce_grid_intensity_source", "source", other);
        }
        full.assertValue(7_200.0, "oce_advice_greenest_start_delay_seconds");
        full.assertValue(2_100.5, "oce_advice_greenest_start_remaining_emissions_grams");
        full.assertValue(5_000.0, "oce_budget_emissions_grams");
        full.assertValue(5.0e7, "oce_budget_energy_joules");
        full.assertValue(5_400.5 / 5_000.0, "oce_budget_forecast_ratio", "budget", "co2e");
        full.assertValue(4.5e7 / 5.0e7, "oce_budget_forecast_ratio", "budget", "energy");
        full.assertValue(123.456 / 5_000.0, "oce_budget_used_ratio", "budget", "co2e");
        full.assertValue((1.0e6 + 2.5e5 + 3.0e4) / 5.0e7, "oce_budget_used_ratio", "budget", "energy");

        Scrape plain = scrape(TestRuns.base());
        plain.assertValue(1, "oce_grid_intensity_source", "source", "table");
        assertEquals(Set.of("oce_grid_intensity_source"), intersection(plain.names()),
            "no advice and no budget series without them");
        Scrape budgetWithoutForecast = scrape(TestRuns.withGrid(TestRuns.base(), TestRuns.GRID));
        assertTrue(budgetWithoutForecast.names().contains("oce_budget_used_ratio"));
        assertFalse(budgetWithoutForecast.names().contains("oce_budget_forecast_ratio"), "no forecast, no ratio");
    }

    @Test
    void theAlertingRulesPassPromtoolsTestsAndNameOnlySeriesTheEndpointServes() throws Exception {
        Path promtool = DashboardTest.onPath("promtool");
        String rules = Files.readString(RULES);
        Set<String> served = scrape(TestRuns.full()).names();
        Matcher name = SERIES_NAME.matcher(rules.replaceAll("(?m)^\\s*#.*$", ""));
        int named = 0;
        while (name.find()) {
            assertTrue(served.contains(name.group()), name.group() + " in the rules is not a served series");
            named++;
        }
        assertTrue(named >= 6, "the rules name the budget, source and error series");

        Path tests = dir.resolve("alerts-test.yml");
        Files.writeString(tests, RULES_TEST.replace("RULES", RULES.toAbsolutePath().normalize().toString()));
        Process run = new ProcessBuilder(promtool.toString(), "test", "rules", tests.toString())
            .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.contains("SUCCESS"), output);
    }

    private static Set<String> intersection(Set<String> names) {
        return names.stream().filter(GRID_NAMES::contains).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * One run of two ranks, each doing half of the job: the CO2e forecast summed over them crosses the job's budget at
     * minute 2 (fires at 4 after its 2 minutes, once for the run), the energy forecast never does, the CO2e used
     * crosses at minute 4 (fires at once), and the provider fails every minute from the start while the table is in
     * force (fires after 30 minutes).
     */
    private static final String RULES_TEST = """
        rule_files:
          - RULES
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'oce_budget_forecast_ratio{run_id="r1",budget="co2e",instance="node1:9464",job="oce"}'
                values: '0.4 0.45 0.55 0.6 0.625 0.65 0.65'
              - series: 'oce_budget_forecast_ratio{run_id="r1",budget="co2e",instance="node2:9464",job="oce"}'
                values: '0.4 0.45 0.55 0.6 0.625 0.65 0.65'
              - series: 'oce_budget_forecast_ratio{run_id="r1",budget="energy",instance="node1:9464",job="oce"}'
                values: '0.25x6'
              - series: 'oce_budget_forecast_ratio{run_id="r1",budget="energy",instance="node2:9464",job="oce"}'
                values: '0.25x6'
              - series: 'oce_budget_used_ratio{run_id="r1",budget="co2e",instance="node1:9464",job="oce"}'
                values: '0.25 0.3 0.35 0.45 0.525 0.55 0.6'
              - series: 'oce_budget_used_ratio{run_id="r1",budget="co2e",instance="node2:9464",job="oce"}'
                values: '0.25 0.3 0.35 0.45 0.525 0.55 0.6'
              - series: 'oce_grid_intensity_source{run_id="r1",source="table",instance="node1:9464",job="oce"}'
                values: '1x60'
              - series: 'oce_agent_errors_total{run_id="r1",kind="intensity",instance="node1:9464",job="oce"}'
                values: '0+1x60'
            alert_rule_test:
              - eval_time: 3m
                alertname: OceForecastOverCo2eBudget
                exp_alerts: []
              - eval_time: 4m
                alertname: OceForecastOverCo2eBudget
                exp_alerts:
                  - exp_labels:
                      severity: warning
                      run_id: r1
                      budget: co2e
                    exp_annotations:
                      summary: "Run r1 is forecast to exceed its CO2e budget"
                      description: >-
                        The forecast total CO2e of run r1 is 125% of its budget.co2e (oce_budget_emissions_grams).
              - eval_time: 6m
                alertname: OceForecastOverEnergyBudget
                exp_alerts: []
              - eval_time: 3m
                alertname: OceOverBudget
                exp_alerts: []
              - eval_time: 4m
                alertname: OceOverBudget
                exp_alerts:
                  - exp_labels:
                      severity: critical
                      run_id: r1
                      budget: co2e
                    exp_annotations:
                      summary: "Run r1 has used more than its co2e budget"
                      description: "Run r1 has used 105% of its co2e budget."
              - eval_time: 20m
                alertname: OceGridIntensityProviderFailing
                exp_alerts: []
              - eval_time: 45m
                alertname: OceGridIntensityProviderFailing
                exp_alerts:
                  - exp_labels:
                      severity: info
                      run_id: r1
                      source: table
                      instance: node1:9464
                      job: oce
                    exp_annotations:
                      summary: "Run r1 is charged the table's grid intensity: its provider keeps failing"
                      description: >-
                        The intensity provider of run r1 failed in the last 30 minutes and the yearly table
                        value is in force; see the agent's [opencarboneval] line on stderr.
        """;
}
