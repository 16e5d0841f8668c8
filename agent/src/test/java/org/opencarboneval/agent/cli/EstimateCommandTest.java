package org.opencarboneval.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencarboneval.agent.config.SettingSources;

class EstimateCommandTest {

    private final CliRunner cli = CliRunner.isolated();

    /** Each class of bad input: exit 2 and a message naming the flag or value and what is accepted. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "estimate --hardware A100 --flops abc | --flops: 'abc' is not a number",
        "estimate --hardware A100 --flops -5 | --flops: '-5' must be greater than zero",
        "estimate --hardware A100 --flops 1e23 --ci -0.2 | --ci: '-0.2' is negative",
        "estimate --hardware A100 --flops 1e23 --devices 2.5 | --devices: '2.5' is not a whole number",
        "estimate --hardware A100 --flops 1e23 --devices 0 | --devices: '0' must be a whole number of at least 1",
        "estimate --hardware A1000 --flops 1e23 | --hardware: unknown hardware 'A1000'; closest known: NVIDIA A100",
        "estimate --hardware A100 --flops 1e23 --region Germny | --region: unknown region 'Germny'; closest known: DE (Germany)",
        "estimate --hardware A100 --flops 1e23 --method guess | --method: 'guess' is not a method; expected paper or calibrated",
        "estimate --hardware A100 --flops 1e23 --method paper --pue 1.2 | --pue: the paper method applies no PUE",
        "estimate --hardware A100 --flops 1e23 --pue 0.8 | --pue: '0.8' is below 1",
        "estimate --hardware A100 | give the work as --flops, as --params with --tokens, or as --device-hours",
        "estimate --hardware A100 --flops 1e23 --params 7e9 --tokens 2e12 | give the compute one way only",
        "estimate --hardware A100 --tokens 1e12 | --tokens needs --params",
        "estimate --flops 1e23 | --hardware is required",
        "estimate --hardware A100 --flopz 1e23 | unknown option --flopz; did you mean --flops",
        "estimate --hardware A100 --flops | --flops needs a value: FLOP",
        "estimate --hardware A100 --flops 1e23 --calibration /nonexistent/cal.properties | --calibration: cannot read",
    })
    void badInputIsNamed(String args, String message) {
        CliRunner.Result result = cli.run(args.strip().split(" "));
        assertEquals(2, result.status(), result.out());
        assertTrue(result.err().contains(message), "expected '" + message + "' in: " + result.err());
        assertEquals("", result.out());
    }

    @Test
    void anUnknownCommandIsNamed() {
        CliRunner.Result result = cli.run("estimat");
        assertEquals(2, result.status());
        assertTrue(result.err().contains("unknown command 'estimat'") && result.err().contains("estimate"), result.err());
    }

    @Test
    void paramsTimesTokensIsSixND() {
        double byFlops = cli.run("estimate", "--hardware", "A100", "--flops", "8.4e22", "--region", "US", "--json")
            .number("energy_kwh");
        double bySixNd = cli.run("estimate", "--hardware", "A100", "--params", "7e9", "--tokens", "2e12",
            "--region", "US", "--json").number("energy_kwh");
        assertEquals(byFlops, bySixNd, 1e-9 * byFlops);
    }

    @Test
    void calibratedUsesTheRegionsIntensityAndItsProvidersPue() {
        CliRunner.Result aws = cli.run("estimate", "--hardware", "H100", "--flops", "1e24", "--region",
            "aws:us-east-1", "--json");
        assertEquals(0, aws.status(), aws.err());
        assertEquals("calibrated", aws.out().replaceAll(".*\"method\":\"([a-z]+)\".*", "$1").strip());
        assertTrue(aws.out().contains("\"pue_source\":\"") && aws.number("pue") > 1 && aws.number("pue") < 1.3,
            aws.out());
        double kwh = aws.number("energy_kwh");
        assertEquals(kwh * aws.number("ci_kg_per_kwh"), aws.number("emissions_kg"), 1e-9 * kwh);
        assertTrue(aws.number("energy_kwh_low") < kwh && kwh < aws.number("energy_kwh_high"));
    }

    /** {@code --region us-east-1}, as AWS writes it, is AWS's region (not Google's us-east1). */
    @Test
    void aCloudRegionAsItsProviderWritesIt() {
        CliRunner.Result typed = cli.run("estimate", "--hardware", "H100", "--flops", "1e24", "--region", "us-east-1",
            "--json");
        CliRunner.Result prefixed = cli.run("estimate", "--hardware", "H100", "--flops", "1e24", "--region",
            "aws:us-east-1", "--json");
        assertEquals(0, typed.status(), typed.err());
        assertEquals(prefixed.out(), typed.out().replace("\"region\":\"us-east-1\"", "\"region\":\"aws:us-east-1\""));
        assertEquals(0.2839, typed.number("ci_kg_per_kwh"), 1e-12);
        assertEquals(0.56, cli.run("estimate", "--hardware", "H100", "--flops", "1e24", "--region", "us-east1",
            "--json").number("ci_kg_per_kwh"), 1e-12);
    }

    @Test
    void withoutARegionTheWorldAverageAndTheUnknownDatacenterPueApply() {
        CliRunner.Result result = cli.run("estimate", "--hardware", "A100", "--flops", "1e23", "--json");
        assertTrue(result.out().contains("\"region\":\"WORLD\""), result.out());
        assertTrue(result.number("pue") > 1.3, result.out());
    }

    @Test
    void settingsComeFromSystemPropertiesAndTheEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("oce.region", "FR");
        CliRunner.Result fromProperty = new CliRunner(new SettingSources(properties, Map.of()))
            .run("estimate", "--hardware", "A100", "--flops", "1e23", "--json");
        assertTrue(fromProperty.out().contains("\"region\":\"FR\""), fromProperty.out());
        CliRunner.Result fromEnvironment = new CliRunner(new SettingSources(new Properties(),
            Map.of("OCE_REGION", "SE", "OCE_DEVICES", "16"))).run("estimate", "--hardware", "A100", "--flops", "1e23", "--json");
        assertTrue(fromEnvironment.out().contains("\"region\":\"SE\""), fromEnvironment.out());
        assertEquals(fromEnvironment.number("device_seconds") / 16, fromEnvironment.number("wall_seconds"), 1e-6);
    }

    @Test
    void anInheritedPueDoesNotBreakThePaperMethod() {
        Properties properties = new Properties();
        properties.setProperty("oce.pue", "1.2");
        CliRunner.Result result = new CliRunner(new SettingSources(properties, Map.of()))
            .run("estimate", "--hardware", "A100", "--flops", "1e23", "--method", "paper", "--json");
        assertEquals(0, result.status(), result.err());
        assertEquals(1.0, result.number("pue"));
    }

    @Test
    void measuredDeviceHoursWithComputeGiveTheAlphaAchieved() {
        // GPT-3 per Patterson et al.: 3.14e23 FLOP in 3.552M V100-hours, 24.6 TFLOP/s per device.
        CliRunner.Result result = cli.run("estimate", "--hardware", "V100", "--flops", "3.14e23", "--device-hours",
            "3552000", "--method", "paper", "--ci", "0.429", "--json");
        assertEquals(0, result.status(), result.err());
        assertEquals(3552000 * 3600.0, result.number("device_seconds"), 1);
        double alpha = result.number("log10_alpha_low");
        assertEquals(alpha, result.number("log10_alpha_high"), 1e-9);
        assertTrue(alpha > -0.2 && alpha < 10.5, "inside the paper's V100 range: " + alpha);
        assertEquals(3552000 * 300 / 1000.0 * 0.429, result.number("emissions_kg"), 1e-6 * 457000);
    }

    @Test
    void theTableShowsTheFiguresAndTheirSources() {
        CliRunner.Result result = cli.run("estimate", "--hardware", "NVIDIA H100 SXM5", "--flops", "6.3e24",
            "--ci", "0.409", "--method", "paper");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("operational CO2e   1,896.61 t  (1,814.42 .. 1,978.80)"), result.out());
        assertTrue(result.out().contains("the paper applies no PUE"), result.out());
    }

    @Test
    void helpListsEveryOption() {
        CliRunner.Result result = cli.run("estimate", "--help");
        assertEquals(0, result.status());
        for (String option : new String[] {"--flops", "--params", "--tokens", "--device-hours", "--hardware",
            "--method", "--ci", "--region", "--pue", "--devices", "--calibration", "--json"}) {
            assertTrue(result.out().contains(option), option);
        }
    }
}
