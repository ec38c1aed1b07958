package io.vigil.query.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.common.AlertFields;
import io.vigil.query.es.Elasticsearch;
import java.time.Instant;

/**
 * One document of {@code PREFIX-notifications} (template notifications.json in common), read with
 * its version so that every change to it can be guarded.
 */
record DeliveryRecord(Elasticsearch.Document doc) {
    static final String TRIGGER = "trigger";
    static final String RESOLVE = "resolve";

    static final String CHANNEL = "channel";
    static final String CHANNEL_TYPE = "channel_type";
    static final String ALERT_ID = "alert_id";
    static final String ACTION = "action";
    static final String STATUS = "status";
    static final String REASON = "reason";
    /** The alert's facts copied into the record when it is created, named as in the alert. */
    static final String RULE_ID = AlertFields.RULE_ID;

    static final String TITLE = AlertFields.TITLE;
    static final String SEVERITY = AlertFields.SEVERITY;
    static final String HOST = AlertFields.HOST;
    static final String HOSTS = AlertFields.HOSTS;

    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";
    static final String NOT_BEFORE = "not_before";
    static final String LEASE_UNTIL = "lease_until";
    static final String DELIVERED_AT = "delivered_at";
    static final String ATTEMPTS = "attempts";
    static final String MESSAGE_ID = "message_id";
    static final String MESSAGE_SIZE = "message_size";
    static final String HTTP_STATUS = "http_status";
    static final String LAST_ERROR = "last_error";

    /** The one notification of an alert on a channel: the id is the dedup key. */
    static String triggerId(String channel, String alertId) {
        return channel + ":" + alertId;
    }

    /** The resolve (PagerDuty) that follows it when the alert is closed. */
    static String resolveId(String channel, String alertId) {
        return channel + ":" + alertId + ":" + RESOLVE;
    }

    String id() {
        return doc.id();
    }

    String channel() {
        return doc.source().path(CHANNEL).asText();
    }

    String alertId() {
        return doc.source().path(ALERT_ID).asText();
    }

    boolean isResolve() {
        return RESOLVE.equals(doc.source().path(ACTION).asText());
    }

    DeliveryStatus status() {
        return DeliveryStatus.parse(doc.source().path(STATUS).asText());
    }

    int attempts() {
        return doc.source().path(ATTEMPTS).asInt(0);
    }

    Instant notBefore() {
        return time(NOT_BEFORE);
    }

    private Instant time(String field) {
        JsonNode value = doc.source().path(field);
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        return value.isTextual() ? Instant.parse(value.asText()) : Instant.EPOCH;
    }
}
