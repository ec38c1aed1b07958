package io.vigil.detection.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detection.condition.LinearRegex;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.RuleKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule mistake is reported as file:line: message, at the line of the mistake. */
class RuleParserTest {
    private static final String VALID = """
            id: sample
            title: Sample
            severity: HIGH
            kind: count
            group_by: [source.ip]
            detection:
              failed:
                event.action: ssh_login
                event.outcome: failure
              condition: failed
            count:
              within: 60s
              at_least: 5
            """;

    private static List<String> errors(String yaml) {
        return RuleParser.parse("rules/x.yml", yaml).errors().stream()
                .map(RuleError::toString)
                .toList();
    }

    /** The one error of the file, as file:line: message: fails if it has none, or more than one. */
    private static String onlyError(String yaml) {
        List<String> errors = errors(yaml);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void aValidRuleParsesWithDefaults() {
        RuleParser.Parsed parsed = RuleParser.parse("rules/x.yml", VALID);
        assertThat(parsed.errors()).isEmpty();
        Rule rule = parsed.rule();
        assertThat(rule.kind()).isEqualTo(RuleKind.COUNT);
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.suppress()).isEqualTo(Duration.ofMinutes(10));
        assertThat(rule.count().within()).isEqualTo(Duration.ofSeconds(60));
        assertThat(rule.uid("")).isEqualTo("rule-sample-count");
    }

    @Test
    void aRuleCarriesOnlyItsOwnKindsSpec() {
        Rule rule = RuleParser.parse("rules/x.yml", VALID).rule();
        assertThat(rule.spec()).isInstanceOf(io.vigil.detection.rule.CountSpec.class);
        assertThat(rule.window()).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(rule::threshold)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("rule sample is a count rule, not ThresholdSpec");
    }

    @Test
    void durationsReadAsInEveryOtherVigilFile() {
        // anomaly.yml and the job's options took "5 min"; rule files in the same folder refused it.
        Rule rule = RuleParser.parse("rules/x.yml", VALID.replace("within: 60s", "within: 5 min"))
                .rule();
        assertThat(rule.count().within()).isEqualTo(Duration.ofMinutes(5));
        assertThat(errors(VALID.replace("within: 60s", "within: 99999999999999999999s")))
                .containsExactly(
                        "rules/x.yml:12: count.within: '99999999999999999999s' is not a duration (write a whole number and a unit:"
                                + " 500ms, 30s, 10m, 2h, 1d)");
    }

    @Test
    void unknownRuleFieldNamesItsLine() {
        assertThat(errors(VALID + "severty: LOW\n"))
                .anySatisfy(e -> assertThat(e).startsWith("rules/x.yml:14: unknown field 'severty' in the rule"));
    }

    @Test
    void unknownEventFieldSuggestsTheRightOne() {
        String yaml = VALID.replace("event.outcome: failure", "event.outcom: failure");
        assertThat(errors(yaml))
                .containsExactly("rules/x.yml:9: unknown field 'event.outcom' (did you mean 'event.outcome'?)");
    }

    @Test
    void badRegexNamesLineAndReason() {
        String yaml = VALID.replace("event.outcome: failure", "process.command_line|re: 'nc (-e'");
        assertThat(onlyError(yaml))
                .startsWith(
                        "rules/x.yml:9: bad regular expression 'nc (-e' on process.command_line: missing closing ): `nc (-e`");
    }

    @Test
    void aRegexThatNeedsBacktrackingIsRefusedWithItsLineAndWhy() {
        // Java runs these; RE2 cannot, in linear time: a rule must not be able to stall the job on a long field
        for (String regex : new String[] {"(a)\\1", "nc(?= -e)", "(?<!/usr)/bin/sh", "a++b"}) {
            String yaml = VALID.replace("event.outcome: failure", "process.command_line|re: '" + regex + "'");
            assertThat(errors(yaml))
                    .as(regex)
                    .singleElement()
                    .satisfies(e -> assertThat(e)
                            .startsWith("rules/x.yml:9: bad regular expression '")
                            .endsWith(
                                    "(regular expressions are RE2 syntax, run in linear time on any text: no backreferences, "
                                            + "lookahead, lookbehind or possessive quantifiers)"));
        }
    }

    /** A bad modifier or value in place of the selection's second line: one error, at that line. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '"', textBlock = """
            event.outcome|containz: fail  => unknown modifier 'containz' on event.outcome
            event.outcome|contains|re: x  => modifiers 'contains' and 're' cannot be combined
            cpu_usage|gt: high            => cpu_usage|gt needs a number, got 'high'
            source.ip|cidr: 10.0.0.0/33   => bad CIDR network on source.ip
            """)
    void aBadModifierOrValueIsTheOneErrorOfItsLine(String line, String message) {
        assertThat(onlyError(VALID.replace("event.outcome: failure", line))).startsWith("rules/x.yml:9: " + message);
    }

    @Test
    void windowMissing() {
        assertThat(errors(VALID.replace("  within: 60s\n", "")))
                .containsExactly("rules/x.yml:11: window missing: count needs 'within' (e.g. within: 60s)");
        assertThat(onlyError(VALID.replace("count:\n  within: 60s\n  at_least: 5\n", "")))
                .contains("needs 'count'");
        String threshold =
                "id: t\ntitle: T\nseverity: LOW\nkind: threshold\nthreshold:\n  field: cpu_usage\n  gt: 90\n";
        assertThat(onlyError(threshold)).startsWith("rules/x.yml:5: window missing: threshold needs 'samples'");
    }

    @Test
    void conditionErrors() {
        assertThat(errors(VALID.replace("condition: failed", "condition: failed and succeeded")))
                .containsExactly(
                        "rules/x.yml:10: condition 'failed and succeeded': unknown selection 'succeeded' (defined: failed)");
        assertThat(errors(VALID.replace("condition: failed", "condition: (failed")))
                .containsExactly("rules/x.yml:10: condition '(failed': missing ')'");
        assertThat(onlyError(VALID.replace("condition: failed", "condition: failed or")))
                .startsWith("rules/x.yml:10: condition 'failed or': ends too early");
        assertThat(onlyError(VALID.replace("condition: failed", "condition: 1 of fail_*")))
                .contains(":10: condition '1 of fail_*': 'fail_*' matches no selection");
        assertThat(errors(VALID.replace("condition: failed", "condition: failed failed")))
                .containsExactly("rules/x.yml:10: condition 'failed failed': unexpected 'failed'");
        assertThat(onlyError(VALID.replace("  condition: failed\n", ""))).contains(":6: detection needs a 'condition'");
    }

    @Test
    void badSeverityKindAndIdAreAllReportedAtOnce() {
        String yaml = VALID.replace("id: sample", "id: Sample Rule").replace("severity: HIGH", "severity: urgent");
        assertThat(errors(yaml))
                .containsExactly(
                        "rules/x.yml:1: id 'Sample Rule' must be lower-case letters, digits and '-' (at most 64), e.g. ssh-brute-force",
                        "rules/x.yml:3: severity 'urgent' must be one of LOW, MEDIUM, HIGH, CRITICAL");
        assertThat(errors(VALID.replace("kind: count", "kind: counter")))
                .containsExactly("rules/x.yml:4: unknown kind 'counter' (known: match, threshold, count, sequence)");
    }

    @Test
    void sectionOfAnotherKindIsAMistake() {
        assertThat(errors(VALID + "threshold: {field: cpu_usage, gt: 1, samples: 2}\n"))
                .containsExactly("rules/x.yml:14: 'threshold' belongs to threshold rules; this rule is kind count");
    }

    @Test
    void yamlSyntaxAndDuplicateKeys() {
        assertThat(onlyError(VALID.replace("  at_least: 5", "  at_least: [5")))
                .matches("rules/x\\.yml:1[34]: YAML syntax: .*");
        assertThat(errors(VALID + "title: Again\n"))
                .containsExactly("rules/x.yml:14: 'title' given twice in the rule (first on line 2)");
        assertThat(errors("")).containsExactly("rules/x.yml:1: a rule file is empty");
    }

    @Test
    void everyMistakeOfAFileIsReportedInOneRun() {
        String yaml = """
                id: bad-rule
                title: Broken
                severity: HIGH
                kind: count
                detection:
                  failed:
                    event.action: ssh_login
                    process.command_line|re: 'nc (-e'
                    usr.name: root
                  condition: failed and missing
                count:
                  at_least: 5
                """;
        assertThat(errors(yaml))
                .containsExactly(
                        "rules/x.yml:8: bad regular expression 'nc (-e' on process.command_line: missing closing ): `nc (-e` ("
                                + LinearRegex.SYNTAX + ")",
                        "rules/x.yml:9: unknown field 'usr.name' (did you mean 'user.name'?)",
                        "rules/x.yml:10: condition 'failed and missing': unknown selection 'missing' (defined: failed)",
                        "rules/x.yml:11: window missing: count needs 'within' (e.g. within: 60s)");
    }

    @Test
    void sequenceErrors() {
        String sequence = """
                id: s
                title: S
                severity: HIGH
                kind: sequence
                detection:
                  a: {event.action: ssh_login}
                sequence:
                  steps:
                    - {name: one, condition: a, times: 3..2}
                """;
        assertThat(errors(sequence))
                .containsExactly("rules/x.yml:7: window missing: sequence needs 'within' (e.g. within: 10m)");
        assertThat(errors(sequence.replace("  steps:", "  within: 5m\n  steps:")))
                .containsExactly("rules/x.yml:10: times must be from 1 to 1000, with N <= M in N..M");
        assertThat(errors(sequence.replace("  steps:", "  within: 5m\n  steps:")
                        .replace(", times: 3..2", ", optional: true")))
                .containsExactly("rules/x.yml:9: at least one step must not be optional");
        assertThat(onlyError(sequence.replace("  steps:", "  within: 5m\n  steps:")
                        .replace("condition: a,", "condition: b,")))
                .startsWith("rules/x.yml:10: condition 'b': unknown selection 'b'");
    }

    @Test
    void escalationAndSummaryChecks() {
        assertThat(errors(VALID + "escalate:\n  - severity: MEDIUM\n    when: {cpu_usage|gt: 98}\n"))
                .containsExactly("rules/x.yml:15: an escalation must raise the severity above HIGH, not to MEDIUM");
        assertThat(onlyError(VALID + "summary: '{count} from {source.ipp}'\n"))
                .startsWith("rules/x.yml:14: summary: unknown placeholder {source.ipp}");
        assertThat(errors(VALID + "summary: 'max {max}'\n"))
                .containsExactly("rules/x.yml:14: summary: {max} and {min} are only known to threshold rules");
    }

    @Test
    void theStarterPackIsValidAndTheJobsConfigurationFilesAreNotRules() {
        RuleFiles.Loaded loaded = RuleFiles.load(List.of(Path.of("..", "rules")));
        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.rules())
                .extracting(Rule::id)
                .contains(
                        "ssh-brute-force",
                        "ssh-brute-force-success",
                        "password-spraying",
                        "ssh-invalid-user",
                        "port-scan",
                        "cpu-high",
                        "memory-high",
                        "malicious-process",
                        "intel-ip-traffic",
                        "sudo-root-non-admin",
                        "new-local-user",
                        "log-clearing");
        assertThat(loaded.ruleFiles())
                .noneMatch(p -> p.getFileName().toString().startsWith("assets")
                        || p.getFileName().toString().startsWith("anomaly"));
        assertThat(loaded.testFiles()).hasSameSizeAs(loaded.ruleFiles());
    }

    @Test
    void duplicateIdsAcrossFiles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.yml"), VALID);
        java.nio.file.Files.writeString(dir.resolve("b.yml"), VALID);
        RuleFiles.Loaded loaded = RuleFiles.load(List.of(dir));
        assertThat(loaded.errors())
                .extracting(RuleError::toString)
                .containsExactly(
                        dir.resolve("b.yml") + ":1: duplicate rule id 'sample' (also in " + dir.resolve("a.yml") + ")");
    }
}
