package io.vigil.job.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.protect.FieldCipher;
import io.vigil.common.protect.FieldKeys;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.parse.RuleFiles;
import io.vigil.detection.rule.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts of the shipped rules, rendered as the detection engine renders them, leave with their
 * protected values (protection.yml: user.name, process.command_line, ...) as markers plus
 * ciphertext, and with nothing of those values left in clear anywhere in the alert.
 */
class AlertProtectorTest {
    private static final List<String> FIELDS =
            List.of("user.name", "process.command_line", "process.args", "auditd.args");
    private static List<Rule> rules;
    private static FieldKeys keys;

    @BeforeAll
    static void load(@TempDir Path dir) throws IOException {
        rules = RuleFiles.loadForJob(Path.of("../rules"));
        Path file = dir.resolve("keys.properties");
        FieldKeys.generate(file);
        keys = FieldKeys.load(file);
    }

    private static Rule rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /** The alert as the engine builds it: summary rendered from the rule's template with these values. */
    private static Alert alert(
            String ruleId, String groupKey, Map<String, Object> values, Map<String, Object> context) {
        Rule rule = rule(ruleId);
        Alert a = new Alert();
        a.id = "a-1";
        a.ruleId = ruleId;
        a.title = rule.title();
        a.host = "web-01";
        a.groupKey = groupKey;
        a.count = 7;
        a.context = new LinkedHashMap<>(context);
        a.summary = rule.summary() == null
                ? rule.title() + ": 7 events for " + groupKey
                : rule.summary().render(name -> switch (name) {
                    case "count" -> 7L;
                    case "host" -> "web-01";
                    case "group" -> groupKey;
                    default -> values.get(name);
                });
        return a;
    }

    private static Alert protect(Alert a) {
        new AlertProtector(FIELDS, ProtectAlerts.shapes(rules), new FieldCipher(keys)).protect(a);
        return a;
    }

    @SuppressWarnings("unchecked")
    private static List<String> clear(Alert a, String field) {
        List<String> out = new ArrayList<>();
        for (Object token : (List<Object>) a.protectedValues.get("cipher." + field)) {
            out.add(new FieldCipher(keys).decrypt(field, (String) token));
        }
        return out;
    }

    private static String everything(Alert a) {
        return a.summary + " | " + a.groupKey + " | " + a.context;
    }

    @Test
    void theBruteForceSummaryNamesTheLastUserByMarker() {
        Alert a = protect(alert(
                "ssh-brute-force",
                "source.address=203.0.113.7",
                Map.of("source.address", "203.0.113.7", "user.name", "alice"),
                Map.of()));
        assertThat(a.summary).isEqualTo("7 failed SSH logins from 203.0.113.7 (last as «user.name[0]» on web-01)");
        assertThat(clear(a, "user.name")).containsExactly("alice");
        assertThat(a.groupKey).isEqualTo("source.address=203.0.113.7");
    }

    @Test
    void sudoGroupsByTheUserAndShowsTheCommandLineBothAsMarkers() {
        Alert a = protect(alert(
                "sudo-root-non-admin",
                "host=web-01 user.name=bob",
                Map.of("user.name", "bob", "process.command_line", "/usr/bin/cat /etc/shadow"),
                Map.of()));
        assertThat(a.groupKey).isEqualTo("host=web-01 user.name=«user.name[0]»");
        assertThat(a.summary).isEqualTo("«user.name[0]» ran '«process.command_line[0]»' as root on web-01");
        assertThat(clear(a, "user.name")).containsExactly("bob");
        assertThat(clear(a, "process.command_line")).containsExactly("/usr/bin/cat /etc/shadow");
        assertThat(everything(a)).doesNotContain("bob", "shadow");
    }

    @Test
    void passwordSprayingListsTheTargetedNamesOnlyAsMarkers() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("distinct", "user.name");
        context.put("values", new ArrayList<>(List.of("carol", "dave", "erin")));
        Alert a = protect(alert(
                "password-spraying", "source.address=198.51.100.4", Map.of("source.address", "198.51.100.4"), context));
        assertThat(a.context.get("values")).isEqualTo(List.of("«user.name[0]»", "«user.name[1]»", "«user.name[2]»"));
        assertThat(clear(a, "user.name")).containsExactly("carol", "dave", "erin");
        assertThat(everything(a)).doesNotContain("carol", "dave", "erin");
    }

    @Test
    void aValueHoldingTheTemplatesOwnWordsCannotLeakAPiece() {
        // The command line repeats the literal text that follows it in the template; the match is
        // then ambiguous and everything that may be protected is hidden together.
        String command = "sh -c 'x' as root on evil' ";
        Alert a = protect(alert(
                "sudo-root-non-admin",
                "host=web-01 user.name=mallory",
                Map.of("user.name", "mallory", "process.command_line", command),
                Map.of()));
        assertThat(everything(a)).doesNotContain("mallory", "sh -c", "evil");
        assertThat(a.summary).endsWith(" as root on web-01");
        List<String> revealed = new ArrayList<>(clear(a, "user.name"));
        assertThat(String.join("", revealed)).contains("mallory").contains(command);
    }

    @Test
    void theDefaultSummaryNamesTheGroupAndSoGetsTheMarkerToo(@TempDir Path dir) throws IOException {
        Path rule = dir.resolve("sudo-any.yml");
        Files.writeString(rule, """
                id: sudo-any
                title: Any sudo
                severity: LOW
                kind: match
                group_by: [user.name]
                detection:
                  s:
                    event.action: sudo_command
                  condition: s
                """);
        List<Rule> custom = RuleFiles.loadForJob(dir);
        Alert a = new Alert();
        a.ruleId = "sudo-any";
        a.groupKey = "user.name=frank";
        a.summary = "Any sudo: 7 events for user.name=frank";
        new AlertProtector(FIELDS, ProtectAlerts.shapes(custom), new FieldCipher(keys)).protect(a);
        assertThat(a.summary).isEqualTo("Any sudo: 7 events for user.name=«user.name[0]»");
        assertThat(a.groupKey).isEqualTo("user.name=«user.name[0]»");
    }

    @Test
    void alertsOfRulesWithoutProtectedValuesAreLeftAlone() {
        Alert a = alert("port-scan", "source.ip=203.0.113.9", Map.of("source.ip", "203.0.113.9"), Map.of());
        String before = a.summary;
        protect(a);
        assertThat(a.summary).isEqualTo(before);
        assertThat(a.protectedValues).isEmpty();
    }

    @Test
    void anAbsentUserNameIsNoValueAndOtherFieldsOfTheGroupKeyStayAsTheyAre() {
        // sshd via PAM gives no user name: the summary says "last as -"; the source is a host name
        // full of dashes (PamOnlySshCaptureITCase found them turned into markers).
        String group = "source.address=adsl-70-242-75-179.dsl.ksc2mo.swbell.net";
        Alert a = protect(alert(
                "ssh-brute-force",
                group,
                new LinkedHashMap<>(Map.of("source.address", "adsl-70-242-75-179.dsl.ksc2mo.swbell.net")),
                Map.of()));
        assertThat(a.groupKey).isEqualTo(group);
        assertThat(a.summary).contains("last as - on web-01").doesNotContain("«");
        assertThat(a.protectedValues).isNullOrEmpty();
    }

    @Test
    void aUserNameInsideAnotherFieldOfTheGroupKeyIsLeftThere() {
        String group = "host=root-box user.name=root";
        Alert a = protect(alert(
                "sudo-root-non-admin",
                group,
                Map.of("user.name", "root", "host", "root-box", "process.command_line", "/bin/sh"),
                Map.of()));
        assertThat(a.groupKey).isEqualTo("host=root-box user.name=«user.name[0]»");
        assertThat(clear(a, "user.name")).containsExactly("root");
    }
}
