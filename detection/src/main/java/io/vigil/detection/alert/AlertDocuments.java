package io.vigil.detection.alert;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.common.AlertFields;
import io.vigil.common.protect.ProtectedFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The JSON of an alert document (template {@code alerts.json}). Two forms: the {@link #partial}
 * update the job sends for an existing alert (everything the job knows, never {@code status})
 * and the {@link #full} document used when the alert does not exist yet (with status open). Both
 * carry {@code updated_at}, when the job wrote them (processing time, not event time). The one
 * writer of alert documents: rule alerts and anomaly alerts ({@code AnomalyAlertEmitter} in the
 * job turns a finding into an {@link Alert}) both come through here, so a new alert field is
 * written here, for every alert.
 */
public final class AlertDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private AlertDocuments() {}

    public static byte[] partial(Alert alert) {
        return write(alert, false);
    }

    public static byte[] full(Alert alert) {
        return write(alert, true);
    }

    private static byte[] write(Alert a, boolean withStatus) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
            g.setCodec(JSON);
            g.writeStartObject();
            g.writeStringField(AlertFields.RULE_ID, a.ruleId);
            g.writeStringField(AlertFields.TITLE, a.title);
            g.writeStringField(AlertFields.DESCRIPTION, a.description);
            g.writeStringField(AlertFields.SUMMARY, a.summary);
            g.writeStringField(AlertFields.SEVERITY, a.severity);
            g.writeArrayFieldStart(AlertFields.TAGS);
            for (String tag : a.tags) {
                g.writeString(tag);
            }
            g.writeEndArray();
            g.writeStringField(AlertFields.HOST, a.host);
            g.writeArrayFieldStart(AlertFields.HOSTS);
            for (String host : a.hosts) {
                g.writeString(host);
            }
            g.writeEndArray();
            g.writeStringField(AlertFields.GROUP_KEY, a.groupKey);
            g.writeStringField(
                    AlertFields.FIRST_SEEN, Instant.ofEpochMilli(a.firstSeen).toString());
            g.writeStringField(
                    AlertFields.LAST_SEEN, Instant.ofEpochMilli(a.lastSeen).toString());
            g.writeNumberField(AlertFields.COUNT, a.count);
            // Processing time of this write: the notifier selects recent writes by it, so an alert
            // raised now from a backlog of old events (its last_seen days ago) still notifies.
            g.writeStringField(AlertFields.UPDATED_AT, Instant.now().toString());
            // always written: a rule promoted from shadow to live turns its open alert live
            g.writeBooleanField(AlertFields.SHADOW, a.shadow);
            if (withStatus) {
                g.writeStringField(AlertFields.STATUS, a.status);
            }
            g.writeArrayFieldStart(AlertFields.EVENT_IDS);
            for (String id : a.eventIds) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeObjectField(AlertFields.CONTEXT, a.context);
            if (a.protectedValues != null && !a.protectedValues.isEmpty()) {
                g.writeObjectField(ProtectedFields.OBJECT, a.protectedValues);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
