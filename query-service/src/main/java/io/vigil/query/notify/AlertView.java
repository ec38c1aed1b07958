package io.vigil.query.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.AlertStatus;
import io.vigil.common.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * An alert document (template alerts.json) as the notifier reads it. Everything the job or a
 * rule writes is treated as untrusted text: the formatters escape it for their receiver.
 */
record AlertView(String id, ObjectNode source) {

    String ruleId() {
        return text("rule_id");
    }

    String title() {
        String title = text("title");
        return title == null || title.isBlank() ? (ruleId() == null ? "Alert" : ruleId()) : title;
    }

    String summary() {
        return text("summary");
    }

    Severity severity() {
        return Severity.parse(text("severity")).orElse(Severity.LOW);
    }

    String host() {
        return text("host");
    }

    String groupKey() {
        return text("group_key");
    }

    long count() {
        return source.path("count").asLong(1);
    }

    String firstSeen() {
        return text("first_seen");
    }

    String lastSeen() {
        return text("last_seen");
    }

    List<String> tags() {
        List<String> tags = new ArrayList<>();
        JsonNode node = source.path("tags");
        if (node.isArray()) {
            node.forEach(t -> tags.add(t.asText()));
        } else if (node.isTextual()) {
            tags.add(node.asText());
        }
        return tags;
    }

    /** {@code open} when the job wrote none (its upsert always does). */
    AlertStatus status() {
        return AlertStatus.parse(text("status")).orElse(AlertStatus.OPEN);
    }

    /** {@code context.host_group}, set by detectors that know it (the anomaly detectors do). */
    String contextHostGroup() {
        JsonNode group = source.path("context").path("host_group");
        return group.isTextual() && !group.asText().isBlank() ? group.asText() : null;
    }

    private String text(String field) {
        JsonNode value = source.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
