package io.vigil.query.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.AlertFields;
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
        return text(AlertFields.RULE_ID);
    }

    String title() {
        String title = text(AlertFields.TITLE);
        return title == null || title.isBlank() ? (ruleId() == null ? "Alert" : ruleId()) : title;
    }

    String summary() {
        return text(AlertFields.SUMMARY);
    }

    Severity severity() {
        return Severity.parse(text(AlertFields.SEVERITY)).orElse(Severity.LOW);
    }

    String host() {
        return text(AlertFields.HOST);
    }

    String groupKey() {
        return text(AlertFields.GROUP_KEY);
    }

    long count() {
        return source.path(AlertFields.COUNT).asLong(1);
    }

    String firstSeen() {
        return text(AlertFields.FIRST_SEEN);
    }

    String lastSeen() {
        return text(AlertFields.LAST_SEEN);
    }

    List<String> tags() {
        List<String> tags = new ArrayList<>();
        JsonNode node = source.path(AlertFields.TAGS);
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
