package io.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.stack.PlaywrightReport.Outcome;
import io.vigil.stack.PlaywrightReport.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** Each scenario of a Playwright JSON report becomes a pass, a skip with its reason, or a failure with its error. */
class PlaywrightReportTest {
    @TempDir
    Path dir;

    @Test
    void passedSkippedAndFailedScenariosInNestedSuitesAreEachReported() throws Exception {
        Path report = write("""
                {"suites":[{"title":"dashboard.e2e.ts","specs":[
                   {"title":"login","tests":[{"status":"expected","annotations":[],"results":[{"status":"passed"}]}]},
                   {"title":"live-tail","tests":[{"status":"skipped",
                      "annotations":[{"type":"skip","description":"needs DashboardBrowserITCase to produce records (live-tail)"}],
                      "results":[{"status":"skipped"}]}]}
                 ],
                 "suites":[{"title":"nested","specs":[
                   {"title":"rules","tests":[{"status":"unexpected","annotations":[],"results":[{"status":"failed",
                      "error":{"message":"Error: the backtest answers\\n\\n\\u001b[31mexpect(received).toMatch(expected)\\u001b[39m\\nReceived: FAILED"}}]}]}
                 ]}]}],
                 "errors":[]}
                """);
        List<Scenario> scenarios = PlaywrightReport.read(report, 1);
        assertThat(scenarios).extracting(Scenario::title).containsExactly("login", "live-tail", "rules");
        assertThat(scenarios)
                .extracting(Scenario::outcome)
                .containsExactly(Outcome.PASSED, Outcome.SKIPPED, Outcome.FAILED);
        scenarios.get(0).check(dir);
        assertThatThrownBy(() -> scenarios.get(1).check(dir))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("needs DashboardBrowserITCase");
        assertThatThrownBy(() -> scenarios.get(2).check(dir))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(
                        "rules: Error: the backtest answers / expect(received).toMatch(expected) / Received: FAILED");
    }

    @Test
    void aRunWithoutReportOrWithErrorsOutsideAnyScenarioFails() throws Exception {
        assertThat(PlaywrightReport.read(dir.resolve("absent.json"), 1))
                .singleElement()
                .satisfies(s -> assertThat(s.outcome()).isEqualTo(Outcome.FAILED))
                .satisfies(s -> assertThat(s.message()).contains("no report (exit 1)"));
        Path broken = write("""
                {"suites":[],"errors":[{"message":"SyntaxError: Unexpected token in dashboard.e2e.ts"}]}
                """);
        assertThat(PlaywrightReport.read(broken, 1))
                .singleElement()
                .satisfies(s -> assertThat(s.title()).isEqualTo("browser-run"))
                .satisfies(s -> assertThat(s.message()).contains("SyntaxError"));
        Path empty = write("{\"suites\":[],\"errors\":[]}");
        assertThat(PlaywrightReport.read(empty, 0))
                .singleElement()
                .satisfies(s -> assertThat(s.message()).contains("lists no scenario"));
    }

    private Path write(String json) throws Exception {
        Path file = Files.createTempFile(dir, "report", ".json");
        Files.writeString(file, json);
        return file;
    }
}
