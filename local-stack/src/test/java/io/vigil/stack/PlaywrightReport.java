package io.vigil.stack;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The outcome of each scenario in Playwright Test's JSON report ({@code reporter: json}): its
 * title, whether it passed, was skipped (and why) or failed (and the first lines of its error).
 * A run that left no report, or one with errors outside any scenario (a config or syntax error),
 * becomes one failed scenario named {@code browser-run}, so it cannot pass by reporting nothing.
 */
final class PlaywrightReport {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");

    enum Outcome {
        PASSED,
        SKIPPED,
        FAILED
    }

    record Scenario(String title, Outcome outcome, String message) {
        /** Passes, is skipped with its reason, or fails with its error. */
        void check(Path screenshots) {
            switch (outcome) {
                case PASSED -> {}
                case SKIPPED -> assumeTrue(false, "skipped: " + message);
                case FAILED -> fail(title + ": " + message + " (screenshots in " + screenshots + ")");
            }
        }
    }

    private PlaywrightReport() {}

    static List<Scenario> read(Path report, int exitCode) throws IOException {
        if (!Files.isRegularFile(report)) {
            return List.of(new Scenario(
                    "browser-run",
                    Outcome.FAILED,
                    "Playwright wrote no report (exit " + exitCode + "); see the [browser] lines above"));
        }
        JsonNode root = ApiClient.JSON.readTree(report.toFile());
        List<Scenario> scenarios = new ArrayList<>();
        collect(root.path("suites"), scenarios);
        List<String> errors = new ArrayList<>();
        root.path("errors").forEach(e -> errors.add(summary(e.path("message").asText())));
        if (!errors.isEmpty() || scenarios.isEmpty()) {
            scenarios.add(new Scenario(
                    "browser-run",
                    Outcome.FAILED,
                    errors.isEmpty()
                            ? "the report lists no scenario (exit " + exitCode + ")"
                            : String.join(" | ", errors)));
        }
        return scenarios;
    }

    private static void collect(JsonNode suites, List<Scenario> into) {
        for (JsonNode suite : suites) {
            for (JsonNode spec : suite.path("specs")) {
                for (JsonNode test : spec.path("tests")) {
                    into.add(scenario(spec.path("title").asText(), test));
                }
            }
            collect(suite.path("suites"), into);
        }
    }

    private static Scenario scenario(String title, JsonNode test) {
        String status = test.path("status").asText();
        if (status.equals("expected")) {
            return new Scenario(title, Outcome.PASSED, "");
        }
        if (status.equals("skipped")) {
            String why = "";
            for (JsonNode annotation : test.path("annotations")) {
                if (annotation.path("type").asText().equals("skip")) {
                    why = annotation.path("description").asText();
                }
            }
            return new Scenario(title, Outcome.SKIPPED, why);
        }
        // unexpected, or flaky (passed only on a retry, which the config does not allow)
        JsonNode results = test.path("results");
        JsonNode last = results.path(results.size() - 1);
        String error =
                last.path("error").path("message").asText(last.path("status").asText(status));
        return new Scenario(title, Outcome.FAILED, summary(error));
    }

    /** The first lines of an error without colours: the scenario's own words, then what expect saw. */
    private static String summary(String message) {
        return ANSI.matcher(message)
                .replaceAll("")
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .limit(4)
                .collect(Collectors.joining(" / "));
    }
}
