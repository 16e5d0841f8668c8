package org.opencarboneval.agent.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opencarboneval.agent.config.SettingSources;

/** Runs the command line in-process, as {@code java -jar} would, and captures what it prints. */
record CliRunner(SettingSources settings) {

    record Result(int status, String out, String err) {
        /** A number field of the JSON object printed on stdout. */
        double number(String field) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":(-?[0-9.eE+-]+|null)").matcher(out);
            if (!m.find()) {
                throw new AssertionError("no field " + field + " in " + out + err);
            }
            return m.group(1).equals("null") ? Double.NaN : Double.parseDouble(m.group(1));
        }
    }

    static CliRunner isolated() {
        return new CliRunner(new SettingSources(new Properties(), Map.of()));
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(Main.defaultCommands(), settings).run(args, new Console(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
