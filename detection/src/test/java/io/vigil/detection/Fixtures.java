package io.vigil.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.Fields;
import io.vigil.common.LogEvent;
import io.vigil.detection.parse.RuleParser;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.RuleSyntaxException;
import io.vigil.detection.sigma.FieldMapping;
import io.vigil.detection.sigma.SigmaParser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Events and rules for tests, with named instants instead of magic numbers. */
public final class Fixtures {
    /** Where every test timeline starts. */
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static int ids;

    private Fixtures() {}

    public static long at(int seconds) {
        return T0.toEpochMilli() + seconds * 1000L;
    }

    /** A security event at T0 + seconds with the given dotted fields. */
    public static LogEvent event(int seconds, String host, Map<String, Object> fields) {
        LogEvent e = new LogEvent();
        e.id = "ev-" + (++ids);
        e.topic = "threat-logs";
        e.timestamp = at(seconds);
        e.ingested = e.timestamp;
        e.host = host;
        e.kind = Fields.KIND_EVENT;
        e.severity = "LOW";
        e.message = "";
        e.fields.putAll(fields);
        return e;
    }

    /** As the job's parser gives an sshd line: the peer in source.address, and in source.ip when an address. */
    public static LogEvent sshFailure(int seconds, String host, String sourceIp) {
        return sshLogin(seconds, host, sourceIp, "failure");
    }

    public static LogEvent sshSuccess(int seconds, String host, String sourceIp) {
        return sshLogin(seconds, host, sourceIp, "success");
    }

    private static LogEvent sshLogin(int seconds, String host, String sourceIp, String outcome) {
        return event(
                seconds,
                host,
                Map.of(
                        "event.category",
                        "authentication",
                        "event.action",
                        "ssh_login",
                        "event.outcome",
                        outcome,
                        "source.ip",
                        sourceIp,
                        "source.address",
                        sourceIp,
                        "user.name",
                        "root"));
    }

    public static LogEvent cpu(int seconds, String host, double cpu) {
        LogEvent e = event(seconds, host, Map.of());
        e.kind = Fields.KIND_METRIC;
        e.cpuUsage = cpu;
        return e;
    }

    /** Parses a rule that must be valid. */
    public static Rule rule(String yaml) {
        RuleParser.Parsed parsed = RuleParser.parse("test.yml", yaml);
        assertThat(parsed.errors()).isEmpty();
        return parsed.rule();
    }

    /**
     * Parses a Sigma file that must be valid, with the shipped field mapping, and gives its last
     * rule: a correlation after the rules it names.
     */
    public static Rule lastSigmaRule(String yaml) {
        try {
            List<Rule> rules = new ArrayList<>();
            RuleParser.Parsed parsed = SigmaParser.parseAll(
                    "c.yml", yaml, FieldMapping.load(Path.of("..", "rules", "sigma", FieldMapping.FILE_NAME)), rules);
            assertThat(parsed.errors()).isEmpty();
            return rules.get(rules.size() - 1);
        } catch (RuleSyntaxException e) {
            throw new IllegalStateException("the shipped field mapping: " + e.getMessage(), e);
        }
    }

    public static final String BRUTE_FORCE = """
            id: brute
            title: Brute force
            severity: HIGH
            kind: count
            group_by: [source.ip]
            suppress: 10m
            detection:
              failed: {event.action: ssh_login, event.outcome: failure}
              condition: failed
            count: {within: 60s, at_least: 5}
            """;

    public static final String CPU_HIGH = """
            id: cpu
            title: CPU high
            severity: HIGH
            escalate:
              - severity: CRITICAL
                when: {cpu_usage|gt: 98}
            kind: threshold
            threshold: {field: cpu_usage, gt: 90, samples: 3, for: 1m}
            """;

    /** Every successful login, one alert per source while it goes on. */
    public static final String LOGIN = """
            id: login
            title: Login
            severity: HIGH
            kind: match
            group_by: [source.ip]
            suppress: 10m
            detection:
              s: {event.outcome: success}
              condition: s
            """;

    /**
     * Sigma rules for sshd logins that a test's correlations name: {@code fail} (a failed login),
     * {@code ok} (a successful one) and {@code anything} (any authentication event). A
     * correlation may follow.
     */
    public static final String SSHD_SIGMA_RULES = sshdSigmaRule("Fail", "fail", "event.outcome: failure")
            + sshdSigmaRule("Ok", "ok", "event.outcome: success")
            + sshdSigmaRule("Anything From sshd", "anything", "event.category: authentication");

    /** One named sshd rule with a single selection, ended by a document separator. */
    private static String sshdSigmaRule(String title, String name, String selection) {
        return """
                title: %s
                name: %s
                logsource: {product: linux, service: sshd}
                detection:
                  s: {%s}
                  condition: s
                ---
                """.formatted(title, name, selection);
    }

    /** A detection block that names sshd's failed logins {@code failed} and its successful ones {@code accepted}. */
    public static final String SSH_LOGINS = """
            detection:
              failed: {event.action: ssh_login, event.outcome: failure}
              accepted: {event.action: ssh_login, event.outcome: success}
            """;

    /** Five or more failed logins from one source, then a successful one, within 10 minutes. */
    public static final String BRUTE_THEN_SUCCESS = """
            id: brute-success
            title: Brute force then success
            severity: CRITICAL
            kind: sequence
            group_by: [source.ip]
            """ + SSH_LOGINS + """
            sequence:
              within: 10m
              steps:
                - {name: failures, condition: failed, times: 5..}
                - {name: success, condition: accepted}
            """;
}
