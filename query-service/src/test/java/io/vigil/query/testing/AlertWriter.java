package io.vigil.query.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes alerts into {@code PREFIX-alerts} the way the Flink job does (AnomalyAlertEmitter and the
 * detection engine's AlertEmitter): a partial-document update of a deterministic id with an upsert,
 * {@code status} only in the upsert, so a repeat of the same alert (new count, last_seen) never
 * touches what an analyst set. No refresh: the alerts index refreshes on its own (200 ms).
 */
public final class AlertWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EsSeeder seeder;

    public AlertWriter(EsSeeder seeder) {
        this.seeder = seeder;
    }

    /** An alert as the job knows it (everything but status). */
    public record JobAlert(
            String id,
            String ruleId,
            String title,
            String severity,
            List<String> tags,
            String host,
            long count,
            Instant firstSeen,
            Instant lastSeen,
            Map<String, Object> context) {
        public JobAlert withCount(long newCount, Instant newLastSeen) {
            return new JobAlert(id, ruleId, title, severity, tags, host, newCount, firstSeen, newLastSeen, context);
        }

        public JobAlert withSeverity(String newSeverity) {
            return new JobAlert(id, ruleId, title, newSeverity, tags, host, count, firstSeen, lastSeen, context);
        }
    }

    public static JobAlert alert(String id, String ruleId, String severity, String host) {
        Instant now = Instant.now();
        return new JobAlert(
                id, ruleId, "Rule " + ruleId, severity, List.of("attack.test"), host, 1, now, now, Map.of());
    }

    public void upsert(JobAlert a) {
        upsert(a, JSON.createObjectNode());
    }

    /** The same with more fields (or replaced ones) in the job's part, e.g. a summary with markers and {@code protected}. */
    public void upsert(JobAlert a, ObjectNode extra) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("rule_id", a.ruleId());
        doc.put("title", a.title());
        doc.put("summary", a.title() + " on " + a.host());
        doc.put("severity", a.severity());
        a.tags().forEach(doc.putArray("tags")::add);
        doc.put("host", a.host());
        doc.put("group_key", a.host());
        doc.put("first_seen", a.firstSeen().toString());
        doc.put("last_seen", a.lastSeen().toString());
        doc.put("count", a.count());
        doc.put("updated_at", Instant.now().toString());
        doc.putArray("event_ids").add("threat-logs-0-" + a.count());
        doc.set("context", JSON.valueToTree(a.context()));
        doc.setAll(extra);
        ObjectNode upsert = doc.deepCopy();
        upsert.put("status", "open");
        ObjectNode body = JSON.createObjectNode();
        body.set("doc", doc);
        body.set("upsert", upsert);
        HttpResponse<String> r = seeder.send(
                "POST",
                "/" + seeder.indices().alerts() + "/_update/" + URLEncoder.encode(a.id(), StandardCharsets.UTF_8)
                        + "?retry_on_conflict=3",
                body.toString());
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new IllegalStateException("upsert of " + a.id() + ": " + r.statusCode() + " " + r.body());
        }
    }
}
