package io.vigil.query.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.common.Severity;
import io.vigil.query.alerts.Alert;
import io.vigil.query.alerts.AlertHistoryEntry;
import io.vigil.query.dlq.DeadLetterItem;
import io.vigil.query.logs.LogItem;
import io.vigil.query.notify.Notification;
import io.vigil.query.rules.BacktestResult;
import io.vigil.query.rules.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reading rules themselves; {@code StoredDocumentAnswersTest} holds each endpoint's answer to its
 * stored document over HTTP.
 */
class DocumentRecordsTest {

    /** A component of a type no rule covers fails when its record is first read, not silently later. */
    @Test
    void everyAnswerRecordCanBeRead() {
        keepsAnUnknownField(Alert.class);
        keepsAnUnknownField(AlertHistoryEntry.class);
        keepsAnUnknownField(DeadLetterItem.class);
        keepsAnUnknownField(LogItem.class);
        keepsAnUnknownField(Notification.class);
        keepsAnUnknownField(BacktestResult.class);
        assertEquals(3L, Rule.of(Map.of(), 3, 0, 0).alertCount());
    }

    private static <R extends Record & StoredDocument> void keepsAnUnknownField(Class<R> type) {
        assertEquals(
                Map.of("unknown", 1),
                DocumentRecords.read(type, Map.of("unknown", 1)).others(),
                type.getName());
    }

    @Test
    void aFieldIsTypedOnlyWhenItHoldsTheExpectedType() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("timestamp", "2026-11-26T10:00:00Z");
        stored.put("severity", "high"); // not the constant's name
        stored.put("cpu_usage", 93); // an integer where a decimal is expected
        stored.put("memory_usage", Map.of("used", 7L, "percentage", 87.5, "swap", 1));
        stored.put("threats", List.of(Map.of("rule_id", "r", "severity", "LOW")));
        stored.put("message", null);
        LogItem log = DocumentRecords.read(LogItem.class, stored);

        assertEquals("2026-11-26T10:00:00Z", log.timestamp());
        assertNull(log.severity());
        assertNull(log.cpuUsage());
        assertEquals(7L, log.memoryUsage().used());
        assertEquals(87.5, log.memoryUsage().percentage());
        assertEquals(Map.of("swap", 1), log.memoryUsage().rest());
        assertEquals(Severity.LOW, log.threats().get(0).severity());
        Map<String, Object> rest = new LinkedHashMap<>();
        rest.put("severity", "high");
        rest.put("cpu_usage", 93);
        rest.put("message", null);
        assertEquals(rest, log.rest(), "kept as stored, in stored order");
        assertEquals(6, stored.size(), "the document itself is left as it was");
    }

    @Test
    void aDeadLettersTimeRepeatsItsTimestampAsStored() {
        assertEquals(
                "2026-11-26T10:00:00Z",
                DeadLetterItem.of(Map.of("timestamp", "2026-11-26T10:00:00Z", "time", "old"))
                        .time());
        DeadLetterItem odd = DeadLetterItem.of(Map.of("timestamp", 17, "time", "old"));
        assertNull(odd.time());
        assertEquals(Map.of("timestamp", 17, "time", 17), odd.rest());
    }

    @Test
    void aRulesCountsReplaceAnyStoredUnderTheirNames() {
        Rule rule = Rule.of(Map.of(Rule.ALERT_COUNT, "stale", "title", "T"), 4, 5, 6);
        assertEquals(List.of(4L, 5L, 6L), List.of(rule.alertCount(), rule.hitCount(), rule.alerts24h()));
        assertEquals(Map.of(), rule.rest());
    }

    record Unreadable(
            @JsonProperty("at") java.time.Instant at,
            @JsonIgnore Map<String, Object> rest) implements StoredDocument {}

    record Unnamed(String at, @JsonIgnore Map<String, Object> rest) implements StoredDocument {}

    record RestFirst(
            @JsonIgnore Map<String, Object> rest,
            @JsonProperty("at") String at) implements StoredDocument {}

    @Test
    void aRecordItCannotReadIsRefusedWithItsComponentNamed() {
        assertTrue(assertThrows(IllegalStateException.class, () -> DocumentRecords.read(Unreadable.class, Map.of()))
                .getMessage()
                .contains("Unreadable.at of type class java.time.Instant"));
        assertTrue(assertThrows(IllegalStateException.class, () -> DocumentRecords.read(Unnamed.class, Map.of()))
                .getMessage()
                .contains("Unnamed.at names no stored field"));
        assertTrue(assertThrows(IllegalStateException.class, () -> DocumentRecords.read(RestFirst.class, Map.of()))
                .getMessage()
                .contains("the rest must be the last component"));
    }
}
