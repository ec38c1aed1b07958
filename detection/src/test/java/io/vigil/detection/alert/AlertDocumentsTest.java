package io.vigil.detection.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();

    private static Alert alert() {
        Alert a = new Alert();
        a.id = "x";
        a.ruleId = "ssh-brute-force";
        a.title = "SSH brute force";
        a.severity = "HIGH";
        a.tags = List.of("attack.t1110");
        a.host = "web-01";
        a.groupKey = "source.ip=203.0.113.7";
        a.firstSeen = T0;
        a.lastSeen = T0 + 40_000;
        a.count = 5;
        a.eventIds = List.of("threat-logs-0-1");
        return a;
    }

    @Test
    void thePartialUpdateNeverCarriesTheStatusTheUpsertDoes() throws Exception {
        JsonNode partial = JSON.readTree(new String(AlertDocuments.partial(alert()), StandardCharsets.UTF_8));
        JsonNode full = JSON.readTree(new String(AlertDocuments.full(alert()), StandardCharsets.UTF_8));
        assertThat(partial.has("status")).isFalse();
        assertThat(full.get("status").asText()).isEqualTo("open");
        assertThat(partial.get("first_seen").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(partial.get("count").asLong()).isEqualTo(5);
        assertThat(partial.get("event_ids").get(0).asText()).isEqualTo("threat-logs-0-1");
    }

    @Test
    void everyWriteIsStampedWithItsProcessingTimeNotTheEventTime() throws Exception {
        Instant before = Instant.now();
        JsonNode partial = JSON.readTree(new String(AlertDocuments.partial(alert()), StandardCharsets.UTF_8));
        JsonNode full = JSON.readTree(new String(AlertDocuments.full(alert()), StandardCharsets.UTF_8));
        Instant after = Instant.now();
        for (JsonNode doc : List.of(partial, full)) {
            Instant written = Instant.parse(doc.get("updated_at").asText());
            assertThat(written).isBetween(before, after);
        }
    }

    @Test
    void protectedValuesAreWrittenInTheLayoutOfLogsAndOnlyWhenThereAreAny() throws Exception {
        Alert plain = alert();
        assertThat(JSON.readTree(AlertDocuments.partial(plain)).has("protected"))
                .isFalse();
        Alert marked = alert();
        marked.summary = "5 failed SSH logins (last as «user.name[0]»)";
        marked.protectedValues.put("cipher.user.name", List.of("v1:k1:abc"));
        JsonNode doc = JSON.readTree(AlertDocuments.partial(marked));
        assertThat(doc.path("protected").path("cipher.user.name").get(0).asText())
                .isEqualTo("v1:k1:abc");
    }

    @Test
    void idsDependOnRuleGroupAndFirstEventWindowOnly() {
        Duration suppress = Duration.ofMinutes(10);
        String id = AlertIds.of("r", "source.ip=1.2.3.4", T0, suppress);
        assertThat(AlertIds.of("r", "source.ip=1.2.3.4", T0 + 60_000, suppress)).isEqualTo(id);
        assertThat(AlertIds.of("r", "source.ip=1.2.3.4", T0 + suppress.toMillis(), suppress))
                .isNotEqualTo(id);
        assertThat(AlertIds.of("r", "source.ip=1.2.3.5", T0, suppress)).isNotEqualTo(id);
        assertThat(AlertIds.of("q", "source.ip=1.2.3.4", T0, suppress)).isNotEqualTo(id);
    }
}
