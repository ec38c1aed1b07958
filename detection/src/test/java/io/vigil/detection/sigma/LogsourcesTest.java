package io.vigil.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.common.LogEvent;
import io.vigil.detection.Fixtures;
import io.vigil.detection.parse.RuleError;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.parse.RuleParser;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.RuleSyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Sigma rule sees only the events of its logsource (rules/sigma/logsources.yml); a logsource no
 * Vigil source produces, or a field Vigil does not keep, makes the rule dormant: loaded, listed,
 * never matching.
 */
class LogsourcesTest {
    private static final Path SHIPPED = Path.of("..", "rules", "sigma");
    private static SigmaParser.Config shipped;

    /** SigmaHQ's "Publicly Accessible RDP Service": fired on every demo event while logsources were ignored. */
    static final String RDP_PUBLIC = """
            title: Publicly Accessible RDP Service
            id: 1fc0809e-06bf-4de3-ad52-25e5263b7623
            logsource: {product: zeek, service: rdp}
            detection:
              selection:
                id.orig_h|cidr: ['10.0.0.0/8', '127.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '::1/128', 'fe80::/10', 'fc00::/7']
              condition: not selection
            level: high
            """;

    @BeforeAll
    static void load() throws Exception {
        shipped = new SigmaParser.Config(
                FieldMapping.load(SHIPPED.resolve(FieldMapping.FILE_NAME)),
                Placeholders.load(SHIPPED.resolve(Placeholders.FILE_NAME)),
                Logsources.load(SHIPPED.resolve(Logsources.FILE_NAME)));
    }

    private static List<Rule> compile(String yaml) {
        List<Rule> rules = new ArrayList<>();
        List<RuleError> errors =
                SigmaParser.parseAll("s.yml", yaml, shipped, rules).errors();
        assertThat(errors).as("errors").isEmpty();
        return rules;
    }

    /** An event with the fields; {@code message} is the event's message, as the parsers set it. */
    private static LogEvent event(Map<String, Object> fields) {
        Map<String, Object> rest = new java.util.HashMap<>(fields);
        Object message = rest.remove("message");
        LogEvent event = Fixtures.event(0, "bastion-01", rest);
        event.message = message == null ? "" : message.toString();
        return event;
    }

    @Nested
    class Scoping {
        @Test
        void aNotConditionSeesOnlyItsOwnLogsourcesEvents() {
            Rule rdp = compile(RDP_PUBLIC).get(0);
            assertThat(rdp.dormant()).isFalse();
            assertThat(rdp.activation().logsource()).isEqualTo("product=zeek service=rdp");
            // what the demo traffic holds: sshd lines, metric samples, firewall drops
            assertThat(rdp.condition()
                            .test(event(Map.of(
                                    "process.name",
                                    "sshd",
                                    "source.ip",
                                    "203.0.113.7",
                                    "message",
                                    "Failed password for root from 203.0.113.7 port 4242 ssh2"))))
                    .isFalse();
            assertThat(rdp.condition().test(Fixtures.cpu(0, "web-01", 40))).isFalse();
            assertThat(rdp.condition()
                            .test(event(Map.of("event.action", "firewall_drop", "source.ip", "198.51.100.1"))))
                    .isFalse();
            // its own events: a Zeek rdp.log record shipped as ECS
            assertThat(rdp.condition().test(event(Map.of("event.dataset", "zeek.rdp", "source.ip", "198.51.100.1"))))
                    .isTrue();
            assertThat(rdp.condition().test(event(Map.of("event.dataset", "zeek.rdp", "source.ip", "10.1.2.3"))))
                    .isFalse();
        }

        @Test
        void sshdRulesSeeSshdsLinesOnly() {
            Rule rule = compile("title: T\nid: t\nlogsource: {product: linux, service: sshd}\ndetection:\n"
                            + "  k: ['Failed password']\n  condition: k\n")
                    .get(0);
            assertThat(rule.condition().test(event(Map.of("process.name", "sshd", "message", "Failed password for x"))))
                    .isTrue();
            assertThat(rule.condition()
                            .test(event(Map.of("process.name", "sshd-session", "message", "Failed password for x"))))
                    .isTrue();
            assertThat(rule.condition().test(event(Map.of("process.name", "su", "message", "Failed password for x"))))
                    .isFalse();
        }

        @Test
        void processCreationRulesSeeAgentProcessStartsNotSudoLines() {
            Rule rule = compile("title: T\nid: t\nlogsource: {product: linux, category: process_creation}\ndetection:\n"
                            + "  s: {Image|startswith: /tmp/}\n  condition: s\n")
                    .get(0);
            assertThat(rule.condition()
                            .test(event(Map.of(
                                    "event.category",
                                    "process",
                                    "event.type",
                                    "start",
                                    "process.executable",
                                    "/tmp/x"))))
                    .isTrue();
            assertThat(rule.condition()
                            .test(event(Map.of(
                                    "event.category",
                                    "process",
                                    "event.action",
                                    "sudo_command",
                                    "process.executable",
                                    "/tmp/x"))))
                    .isFalse();
        }

        @Test
        void auditdRulesSeeAuditRecords() {
            Rule rule = compile("title: T\nid: t\nlogsource: {product: linux, service: auditd}\ndetection:\n"
                            + "  s: {type: SYSCALL, SYSCALL: memfd_create}\n  condition: s\n")
                    .get(0);
            assertThat(rule.condition()
                            .test(event(Map.of(
                                    "event.module",
                                    "auditd",
                                    "auditd.type",
                                    "SYSCALL",
                                    "auditd.syscall",
                                    List.of("319", "memfd_create")))))
                    .isTrue();
            assertThat(rule.condition()
                            .test(event(Map.of(
                                    "auditd.type", "SYSCALL", "auditd.syscall", List.of("319", "memfd_create")))))
                    .as("not from an audit record")
                    .isFalse();
        }

        @Test
        void theMostSpecificEntryWinsAndAnAbsentPartMeansTheRuleHasNone(@TempDir Path dir) throws Exception {
            Logsources logsources = Logsources.of(dir.resolve("l.yml"), """
                    logsources:
                      - {product: acme, service: '*', when: {host: any}}
                      - {product: acme, service: web, when: {host: web}}
                      - {product: acme, when: {host: bare}}
                    """);
            assertThat(when(logsources, new Logsources.Logsource("acme", null, "web"), "web"))
                    .isTrue();
            assertThat(when(logsources, new Logsources.Logsource("acme", null, "db"), "any"))
                    .isTrue();
            assertThat(when(logsources, new Logsources.Logsource("acme", null, null), "bare"))
                    .isTrue();
            assertThat(logsources.scope(new Logsources.Logsource("acme", "process_creation", null)))
                    .as("the rule names a category no entry allows")
                    .isInstanceOf(Logsources.Dormant.class);
        }

        private boolean when(Logsources logsources, Logsources.Logsource logsource, String host) {
            Logsources.Scope scope = logsources.scope(logsource);
            return scope instanceof Logsources.Active active && active.when().test(Fixtures.event(0, host, Map.of()));
        }
    }

    @Nested
    class Dormant {
        @Test
        void aLogsourceNoSourceProducesIsDormantAndItsFieldsNeedNoMapping() {
            Rule rule = compile("""
                    title: Suspicious PowerShell
                    id: win-1
                    logsource: {product: windows, category: ps_script}
                    detection:
                      selection: {ScriptBlockText|contains: 'IEX'}
                      filter: {Path|startswith: 'C:\\\\Program Files\\\\'}
                      condition: selection and not filter
                    """).get(0);
            assertThat(rule.dormant()).isTrue();
            assertThat(rule.activation().dormant()).isEqualTo("Vigil has no Windows event log input");
            assertThat(rule.runs()).isFalse();
            assertThat(rule.condition().test(event(Map.of("message", "IEX")))).isFalse();
        }

        @Test
        void aLogsourceNoEntryNamesIsDormantWithTheReason() {
            Rule rule = compile("title: T\nid: t\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n"
                            + "  s: {eventName: ConsoleLogin}\n  condition: not s\n")
                    .get(0);
            assertThat(rule.activation().dormant())
                    .startsWith("no Vigil source produces product=aws service=cloudtrail events");
            assertThat(rule.condition().test(event(Map.of()))).isFalse();
        }

        @Test
        void aFieldVigilDoesNotKeepMakesTheRuleDormantNotInvalid() {
            Rule rule = compile(
                            "title: T\nid: t\nlogsource: {product: linux, category: network_connection}\ndetection:\n"
                                    + "  s: {Initiated: 'true', DestinationPort: 4444}\n  condition: s\n")
                    .get(0);
            assertThat(rule.activation().dormant())
                    .isEqualTo(
                            "tests 'Initiated', which Vigil does not keep for product=linux category=network_connection (logsources.yml)");
        }

        @Test
        void aFieldNobodyKnowsIsStillAnError() {
            List<RuleError> errors = SigmaParser.parseAll(
                            "s.yml",
                            "title: T\nid: t\nlogsource: {product: linux, service: sshd}\n"
                                    + "detection:\n  s: {Usr: root}\n  condition: s\n",
                            shipped,
                            new ArrayList<>())
                    .errors();
            assertThat(errors)
                    .extracting(RuleError::message)
                    .singleElement()
                    .asString()
                    .contains("unmapped field 'Usr'");
        }

        @Test
        void aCorrelationOverADormantRuleIsDormant() {
            List<Rule> rules = compile("""
                    title: logon
                    name: logon
                    id: w-logon
                    logsource: {product: windows, service: security}
                    detection:
                      s: {EventID: 4625}
                      condition: s
                    ---
                    title: many
                    id: w-many
                    correlation:
                      type: event_count
                      rules: [logon]
                      group-by: [IpAddress]
                      timespan: 5m
                      condition: {gte: 10}
                    """);
            assertThat(rules).allSatisfy(r -> assertThat(r.dormant()).isTrue());
            assertThat(rules.get(1).activation().dormant()).startsWith("correlates rule 'w-logon', which is dormant");
        }
    }

    @Nested
    class NativeRules {
        @Test
        void aNativeRuleMayDeclareALogsource(@TempDir Path dir) throws Exception {
            Path rules = Files.createDirectories(dir.resolve("rules"));
            Files.writeString(
                    rules.resolve(Logsources.FILE_NAME),
                    "logsources:\n  - {product: linux, service: sshd, when: {process.name: sshd}}\n");
            Path file = Files.writeString(rules.resolve("r.yml"), """
                    id: sshd-words
                    title: words
                    severity: LOW
                    kind: match
                    logsource: {product: linux, service: sshd}
                    detection:
                      k: ['error in libcrypto']
                      condition: k
                    """);
            Path dormant = Files.writeString(rules.resolve("d.yml"), """
                    id: win-words
                    title: words
                    severity: LOW
                    kind: count
                    logsource: {product: windows}
                    detection:
                      k: ['x']
                      condition: not k
                    count: {within: 1m, at_least: 2}
                    """);
            RuleFiles.Loaded loaded = RuleFiles.load(List.of(file, dormant));
            assertThat(loaded.errors()).isEmpty();
            Rule sshd = loaded.rules().get(0);
            assertThat(sshd.condition().test(event(Map.of("process.name", "sshd", "message", "error in libcrypto"))))
                    .isTrue();
            assertThat(sshd.condition().test(event(Map.of("process.name", "cron", "message", "error in libcrypto"))))
                    .isFalse();
            Rule win = loaded.rules().get(1);
            assertThat(win.dormant()).isTrue();
            assertThat(win.runs()).isFalse();
        }

        @Test
        void modeIsLiveOrShadow() {
            String rule = "id: r\ntitle: r\nseverity: LOW\nkind: match\ndetection:\n  k: ['x']\n  condition: k\n";
            assertThat(RuleParser.parse("r.yml", rule).rule().shadow()).isFalse();
            assertThat(RuleParser.parse("r.yml", rule + "mode: shadow\n").rule().shadow())
                    .isTrue();
            assertThat(RuleParser.parse("r.yml", rule + "mode: quiet\n").errors())
                    .extracting(RuleError::message)
                    .containsExactly("mode 'quiet' must be live or shadow");
            assertThat(compile("title: T\nid: t\nmode: shadow\nlogsource: {product: linux, service: sshd}\ndetection:\n"
                                    + "  k: ['x']\n  condition: k\n")
                            .get(0)
                            .shadow())
                    .isTrue();
        }
    }

    @Test
    void anEntryNeedsEitherWhenOrDormant(@TempDir Path dir) {
        assertThatThrownBy(() -> Logsources.of(dir.resolve("l.yml"), "logsources:\n  - {product: x}\n"))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessageContaining("exactly one of 'when'");
        assertThatThrownBy(() ->
                        Logsources.of(dir.resolve("l.yml"), "logsources:\n  - {product: x, when: {nosuch.field: 1}}\n"))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessageContaining("nosuch.field");
    }
}
