package io.vigil.query.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vigil.query.testing.ElasticsearchTestSupport;
import io.vigil.query.testing.EsSeeder;
import io.vigil.query.testing.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alerts, logs, rules, dead letters, alert history and notifications are answered as typed
 * records, yet each answer is its stored document with {@code id} in front (and what the endpoint
 * adds: a rule's counts, a dead letter's {@code time}): no field lost, none added, a null stays null, an absent field stays absent
 * and a number keeps its form (93 is not 93.0), for documents as the job writes them and for odd
 * ones (an older job's, a field of an unexpected type, a field no record knows). The one field added
 * is a metric sample's message, which the job does not store when it is the line of the sample's
 * numbers (MetricSummary).
 */
@MicronautTest
class StoredDocumentAnswersTest extends ElasticsearchTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** As AlertDocuments.full writes it: a rule without a description, one field no record knows. */
    private static final String JOB_ALERT = """
            {"rule_id":"ssh-brute-force","title":"SSH brute force","description":null,
             "summary":"12 failed logins on web-01","severity":"HIGH","tags":["attack.t1110"],
             "host":"web-01","hosts":["web-01","web-02"],"group_key":"10.0.0.9",
             "first_seen":"2026-11-26T10:00:00Z","last_seen":"2026-11-26T10:04:00Z","count":12,
             "updated_at":"2026-11-26T10:04:01Z","shadow":false,"status":"open",
             "event_ids":["threat-logs-0-1","threat-logs-0-2"],
             "context":{"window":"5m","threshold":5,"steps":[{"n":1}]},"triage_hint":"new field"}""";

    /** Stored by an older writer: no hosts, a lower-case severity, a decimal count, a null flag. */
    private static final String ODD_ALERT = """
            {"rule_id":"cpu-high","title":"CPU high","severity":"high","tags":[],"host":"db-01",
             "group_key":"db-01","first_seen":"2026-11-26T09:00:00Z","last_seen":"2026-11-26T09:00:00Z",
             "count":3.0,"shadow":null,"status":"acknowledged","event_ids":[],"context":null,
             "status_changed_at":"2026-11-26T09:30:00Z","status_changed_by":"anna"}""";

    /** A metric sample with an integer CPU value, a network object holding an ECS field too, and a threat. */
    private static final String LOG = """
            {"timestamp":"2026-11-26T10:00:00Z","host":"web-01","severity":"CRITICAL","kind":"metric",
             "topic":"system-metrics","message":null,"cpu_usage":93,
             "memory_usage":{"used":7516192768,"total":8589934592,"percentage":87.5},
             "network":{"in_bytes_per_sec":120000,"out_bytes_per_sec":5400000.5,"transport":"tcp"},
             "threats":[{"rule_id":"cpu-high","title":"CPU high","severity":"CRITICAL","tags":[],"since":1}],
             "user":{"name":"alice"},"kafka":{"partition":0,"offset":7},"event":{"ingested":"2026-11-26T10:00:01Z"}}""";

    /** As DocumentWriter writes a metric sample sent without a message: the line of its numbers is not stored. */
    private static final String SAMPLE = """
            {"timestamp":"2026-11-26T10:01:00Z","host":"web-02","severity":"LOW","kind":"metric",
             "topic":"system-metrics","cpu_usage":93.5,
             "memory_usage":{"used":7516192768,"total":8589934592,"percentage":87.5},
             "event":{"ingested":"2026-11-26T10:01:01Z"},
             "network":{"in_bytes_per_sec":120000.0,"out_bytes_per_sec":5400000.0},"kafka":{"partition":0,"offset":8}}""";

    /**
     * As RuleCatalog writes it, for the rule of JOB_ALERT; and, for ODD_ALERT's rule, one of an older
     * catalog: no enabled, mode or loaded_at, a lower-case severity, a field no record knows.
     */
    private static final String RULE = """
            {"id":"ssh-brute-force","title":"SSH brute force","description":null,"kind":"count","severity":"HIGH",
             "tags":["attack.t1110"],"enabled":true,"group_by":["source.ip"],"source":"rules/ssh.yml","mode":"live",
             "logsource":"product=linux service=sshd","loaded_at":"2026-11-26T09:00:00Z","rule_set":"abc123"}""";

    private static final String ODD_RULE = """
            {"id":"cpu-high","title":"CPU high","kind":"threshold","severity":"high","tags":[],"owner":"ops"}""";

    /** As DocumentWriter writes dead letters: one read from Kafka, one refused document without a topic. */
    private static final String DEAD_LETTER = """
            {"timestamp":"2026-11-26T10:00:00Z","stage":"parse","reason":"not JSON","topic":"threat-logs",
             "partition":0,"offset":7,"raw":"{oops","raw_encoding":"utf-8"}""";

    private static final String REFUSED = """
            {"timestamp":"2026-11-26T10:01:00Z","stage":"index","reason":"mapper_parsing_exception",
             "raw":"{}","raw_encoding":"document"}""";

    /** From an older writer: the time in epoch milliseconds, which "time" repeats as it is. */
    private static final String EPOCH_DEAD_LETTER = """
            {"timestamp":1795683600000,"reason":"bad UTF-8","topic":"threat-logs","partition":1,"offset":3,
             "raw":"/w==","raw_encoding":"base64"}""";

    /** As AlertStatusChanges writes a change without a note. */
    private static final String HISTORY = """
            {"alert_id":"job-alert","timestamp":"2026-11-26T10:05:00Z","user":"anna","from_status":"open",
             "to_status":"acknowledged","note":null}""";

    /** As AlertIntake writes a notification and the sender updates it after its last attempt. */
    private static final String NOTIFICATION = """
            {"channel":"soc","channel_type":"webhook","alert_id":"job-alert","action":"trigger","status":"dead",
             "rule_id":"ssh-brute-force","title":"SSH brute force","severity":"HIGH","host":"web-01",
             "hosts":["web-01","web-02"],"created_at":"2026-11-26T10:04:02Z","updated_at":"2026-11-26T10:09:00Z",
             "not_before":"2026-11-26T10:08:00Z","attempts":3,"lease_until":"2026-11-26T10:09:30Z",
             "message_id":"m-1","message_size":1,"http_status":null,"last_error":"connection refused"}""";

    @BeforeAll
    void seed() {
        EsSeeder seeder = resetIndices();
        seeder.bulk(List.of(
                new EsSeeder.Doc(seeder.indices().alerts(), "job-alert", object(JOB_ALERT)),
                new EsSeeder.Doc(seeder.indices().alerts(), "odd-alert", object(ODD_ALERT)),
                new EsSeeder.Doc(seeder.indices().logsIndexFor(0), "log-1", object(LOG)),
                new EsSeeder.Doc(seeder.indices().logsIndexFor(0), "log-2", object(SAMPLE)),
                new EsSeeder.Doc(seeder.indices().rules(), "ssh-brute-force", object(RULE)),
                new EsSeeder.Doc(seeder.indices().rules(), "cpu-high", object(ODD_RULE)),
                new EsSeeder.Doc(seeder.indices().deadLetters(), "threat-logs-0-7", object(DEAD_LETTER)),
                new EsSeeder.Doc(seeder.indices().deadLetters(), "refused-1", object(REFUSED)),
                new EsSeeder.Doc(seeder.indices().deadLetters(), "threat-logs-1-3", object(EPOCH_DEAD_LETTER)),
                new EsSeeder.Doc(seeder.indices().alertHistory(), "job-alert@1", object(HISTORY)),
                new EsSeeder.Doc(seeder.indices().notifications(), "soc:job-alert", object(NOTIFICATION))));
        seeder.refresh();
    }

    @Test
    void anAlertIsItsStoredDocumentByIdAndInTheList() {
        for (String[] alert : new String[][] {{"job-alert", JOB_ALERT}, {"odd-alert", ODD_ALERT}}) {
            JsonNode expected = withId(alert[0], alert[1]);
            assertEquals(expected, answer("/alerts/" + alert[0]));
            JsonNode listed = answer(
                            "/alerts?rule_id=" + expected.path("rule_id").asText())
                    .path("items")
                    .path(0);
            assertEquals(expected, listed);
        }
    }

    @Test
    void aLogIsItsStoredDocumentByIdAndInTheList() {
        JsonNode expected = withId("log-1", LOG);
        assertEquals(expected, answer("/logs/log-1"));
        assertEquals(expected, answer("/logs?ids=log-1").path("items").path(0));
    }

    @Test
    void aMetricSampleStoredWithoutItsLineIsAnsweredWithIt() {
        JsonNode expected = withId("log-2", SAMPLE)
                .put("message", "cpu 93.5%, memory 87.5%, network in 120000 B/s out 5400000 B/s");
        assertEquals(expected, answer("/logs/log-2"));
        assertEquals(expected, answer("/logs?ids=log-2").path("items").path(0));
    }

    @Test
    void aRuleIsItsCatalogDocumentWithTheCountsOfItsAlerts() {
        JsonNode rules = answer("/rules").path("items");
        assertEquals(ruleWithCounts("cpu-high", ODD_RULE, 1, 3, 0), rules.path(0));
        assertEquals(ruleWithCounts("ssh-brute-force", RULE, 1, 12, 0), rules.path(1));
    }

    /** A catalog document as /rules answers it: with the counts of its alerts. */
    private static ObjectNode ruleWithCounts(String id, String source, int alerts, int hits, int alerts24h) {
        return withId(id, source)
                .put("alert_count", alerts)
                .put("hit_count", hits)
                .put("alerts_24h", alerts24h);
    }

    @Test
    void aDeadLetterIsItsStoredDocumentWithItsTimeAsTime() {
        JsonNode items = answer("/dlq").path("items");
        assertEquals(withId("refused-1", REFUSED).put("time", "2026-11-26T10:01:00Z"), items.path(0));
        assertEquals(withId("threat-logs-0-7", DEAD_LETTER).put("time", "2026-11-26T10:00:00Z"), items.path(1));
        assertEquals(withId("threat-logs-1-3", EPOCH_DEAD_LETTER).put("time", 1795683600000L), items.path(2));
    }

    @Test
    void aHistoryEntryAndANotificationAreTheirStoredDocuments() {
        assertEquals(
                withId("job-alert@1", HISTORY),
                answer("/alerts/job-alert/history").path("items").path(0));
        assertEquals(
                withId("soc:job-alert", NOTIFICATION),
                answer("/notifications?alert_id=job-alert").path("items").path(0));
    }

    private JsonNode answer(String uri) {
        return getJson(TestUsers.ADMIN, uri);
    }

    private static ObjectNode withId(String id, String source) {
        ObjectNode item = JSON.createObjectNode().put("id", id);
        item.setAll(object(source));
        return item;
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
