package io.vigil.detection.alert;

import io.vigil.common.AlertFields;
import io.vigil.common.JsonDocuments;
import io.vigil.common.protect.ProtectedFields;
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
    private AlertDocuments() {}

    public static byte[] partial(Alert alert) {
        return write(alert, false);
    }

    public static byte[] full(Alert alert) {
        return write(alert, true);
    }

    private static byte[] write(Alert a, boolean withStatus) {
        return JsonDocuments.object(512, g -> {
            g.writeStringField(AlertFields.RULE_ID, a.ruleId);
            g.writeStringField(AlertFields.TITLE, a.title);
            g.writeStringField(AlertFields.DESCRIPTION, a.description);
            g.writeStringField(AlertFields.SUMMARY, a.summary);
            g.writeStringField(AlertFields.SEVERITY, a.severity);
            JsonDocuments.writeStrings(g, AlertFields.TAGS, a.tags);
            g.writeStringField(AlertFields.HOST, a.host);
            JsonDocuments.writeStrings(g, AlertFields.HOSTS, a.hosts);
            g.writeStringField(AlertFields.GROUP_KEY, a.groupKey);
            JsonDocuments.writeTime(g, AlertFields.FIRST_SEEN, a.firstSeen);
            JsonDocuments.writeTime(g, AlertFields.LAST_SEEN, a.lastSeen);
            g.writeNumberField(AlertFields.COUNT, a.count);
            // Processing time of this write: the notifier selects recent writes by it, so an alert
            // raised now from a backlog of old events (its last_seen days ago) still notifies.
            g.writeStringField(AlertFields.UPDATED_AT, Instant.now().toString());
            // always written: a rule promoted from shadow to live turns its open alert live
            g.writeBooleanField(AlertFields.SHADOW, a.shadow);
            if (withStatus) {
                g.writeStringField(AlertFields.STATUS, a.status);
            }
            JsonDocuments.writeStrings(g, AlertFields.EVENT_IDS, a.eventIds);
            g.writeObjectField(AlertFields.CONTEXT, a.context);
            if (a.protectedValues != null && !a.protectedValues.isEmpty()) {
                g.writeObjectField(ProtectedFields.OBJECT, a.protectedValues);
            }
        });
    }
}
