package io.vigil.detection.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detection.parse.RuleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule-test runner: passing and failing cases, through a real local Flink run. */
class RuleTestRunnerTest {
    private static final String RULE = """
            id: new-user
            title: New user
            severity: MEDIUM
            kind: match
            suppress: 10m
            detection:
              created: {event.action: user_created}
              condition: created
            """;

    private static final String TESTS = """
            cases:
              - name: fires
                events:
                  - {at: 0s, host: web-01, event.action: user_created, user.target.name: x}
                  - {at: 1m, host: web-01, event.action: user_created, user.target.name: y}
                expect:
                  - {group_key: host=web-01, count: 2, first_seen: 0s, last_seen: 1m, event_ids: [e1, e2]}
                tagged: [e1, e2]
              - name: wrongly expects nothing
                events:
                  - {at: 0s, host: web-01, event.action: user_created}
                expect: []
              - name: wrongly expects a count of 3
                events:
                  - {at: 0s, host: web-01, event.action: user_created}
                expect:
                  - {count: 3}
              - name: does not fire for other actions
                events:
                  - {at: 0s, host: web-01, event.action: user_modified}
                expect: []
                tagged: []
            """;

    @Test
    void reportsEachCaseAndCatchesWrongExpectations(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("new-user.yml"), RULE);
        Files.writeString(dir.resolve("new-user.tests.yml"), TESTS);
        RuleFiles.Loaded loaded = RuleFiles.load(List.of(dir));
        assertThat(loaded.errors()).isEmpty();
        List<RuleTestFile> files = new ArrayList<>();
        for (Path file : loaded.testFiles()) {
            RuleTestParser.Parsed parsed = RuleTestParser.parse(file, Files.readString(file));
            assertThat(parsed.errors()).isEmpty();
            files.add(parsed.tests());
        }

        List<RuleTestRunner.CaseResult> results = RuleTestRunner.run(files, loaded.rules());

        assertThat(results)
                .extracting(RuleTestRunner.CaseResult::name, RuleTestRunner.CaseResult::passed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fires", true),
                        org.assertj.core.groups.Tuple.tuple("wrongly expects nothing", false),
                        org.assertj.core.groups.Tuple.tuple("wrongly expects a count of 3", false),
                        org.assertj.core.groups.Tuple.tuple("does not fire for other actions", true));
        assertThat(results.get(1).toString()).contains("expected 0 alert(s), got 1");
        assertThat(results.get(2).toString()).contains("no alert matches {count=3, rule=new-user}");
    }

    @Test
    void testFileMistakesHaveLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.tests.yml");
        RuleTestParser.Parsed parsed = RuleTestParser.parse(file, """
                cases:
                  - name: typo
                    events:
                      - {at: 0s, sorce.ip: 1.2.3.4}
                    expect: []
                """);
        assertThat(parsed.errors())
                .extracting(Object::toString)
                .containsExactly(file + ":4: unknown event field 'sorce.ip' (did you mean 'source.ip'?)");
    }

    @Test
    void testFilesReadYamlAsRuleFilesDo(@TempDir Path dir) {
        // The rule parser reads YAML 1.1's yes/on as true and refuses alias bombs; so must the tests' parser.
        Path file = dir.resolve("y.tests.yml");
        RuleTestParser.Parsed parsed = RuleTestParser.parse(file, """
                cases:
                  - name: booleans
                    events:
                      - {at: 0s, event.outcome: yes, event.action: on, event.type: No, user.name: true}
                    expect: []
                """);
        assertThat(parsed.errors()).isEmpty();
        var fields = parsed.tests().cases().get(0).events().get(0).fields;
        assertThat(fields)
                .containsEntry("event.outcome", true)
                .containsEntry("event.action", true)
                .containsEntry("event.type", false)
                .containsEntry("user.name", true);

        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (int i = 0; i < 25; i++) {
            bomb.append("b").append(i).append(": *a\n");
        }
        RuleTestParser.Parsed bombed = RuleTestParser.parse(file, bomb + "cases: []\n");
        assertThat(bombed.errors())
                .extracting(Object::toString)
                .singleElement()
                .asString()
                .contains("YAML syntax");
    }
}
