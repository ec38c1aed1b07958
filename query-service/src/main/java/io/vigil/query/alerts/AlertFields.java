package io.vigil.query.alerts;

/**
 * Field names of alert and alert-history documents (templates alerts.json, alert-history.json in
 * common). {@code io.vigil.common.Fields} holds the log fields; these are read only here.
 */
final class AlertFields {
    static final String RULE_ID = "rule_id";
    static final String HOST = "host";
    static final String HOSTS = "hosts";
    static final String SEVERITY = "severity";
    static final String STATUS = "status";
    static final String GROUP_KEY = "group_key";
    static final String FIRST_SEEN = "first_seen";
    static final String LAST_SEEN = "last_seen";
    static final String COUNT = "count";
    static final String STATUS_CHANGED_AT = "status_changed_at";
    static final String STATUS_CHANGED_BY = "status_changed_by";

    static final String HISTORY_ALERT_ID = "alert_id";
    static final String HISTORY_TIMESTAMP = "timestamp";
    static final String HISTORY_USER = "user";
    static final String HISTORY_FROM = "from_status";
    static final String HISTORY_TO = "to_status";
    static final String HISTORY_NOTE = "note";

    private AlertFields() {
    }
}
