package io.vigil.query.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.Severity;

/**
 * PagerDuty Events API v2 bodies. {@code dedup_key} is the alert id: PagerDuty folds a repeated
 * trigger into the open incident (so a retry after a lost answer pages nobody twice) and the
 * resolve finds the incident by it.
 */
final class PagerDutyEvent {
    private static final int MAX_SUMMARY = 1024;

    private PagerDutyEvent() {}

    static ObjectNode trigger(AlertView a, String routingKey, String hostGroup, AlertLinks links, ObjectMapper mapper) {
        ObjectNode event = mapper.createObjectNode();
        event.put("routing_key", routingKey);
        event.put("event_action", "trigger");
        event.put("dedup_key", a.id());
        ObjectNode payload = event.putObject("payload");
        String summary = "[" + a.severity().name() + "] " + a.title() + (a.host() == null ? "" : " on " + a.host())
                + " (" + a.count() + (a.count() == 1 ? " event)" : " events)");
        payload.put("summary", summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…");
        payload.put("source", a.host() == null ? "vigil" : a.host());
        payload.put("severity", severity(a.severity()));
        if (a.firstSeen() != null) {
            payload.put("timestamp", a.firstSeen());
        }
        if (a.ruleId() != null) {
            payload.put("class", a.ruleId());
        }
        if (hostGroup != null) {
            payload.put("group", hostGroup);
        }
        ObjectNode details = payload.putObject("custom_details");
        details.put("alert_id", a.id());
        details.put("rule_id", a.ruleId());
        details.put("title", a.title());
        details.put("summary", a.summary());
        details.put("count", a.count());
        details.put("first_seen", a.firstSeen());
        details.put("last_seen", a.lastSeen());
        details.put("group_key", a.groupKey());
        var tags = details.putArray("tags");
        a.tags().forEach(tags::add);
        event.put("client", "Vigil");
        event.put("client_url", links.of(a.id()));
        event.putArray("links").addObject().put("href", links.of(a.id())).put("text", "Open the alert in Vigil");
        return event;
    }

    static ObjectNode resolve(String alertId, String routingKey, ObjectMapper mapper) {
        ObjectNode event = mapper.createObjectNode();
        event.put("routing_key", routingKey);
        event.put("event_action", "resolve");
        event.put("dedup_key", alertId);
        return event;
    }

    /** PagerDuty's four severities. */
    static String severity(Severity s) {
        return switch (s) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "info";
        };
    }
}
