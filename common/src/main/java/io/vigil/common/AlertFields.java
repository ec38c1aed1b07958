package io.vigil.common;

/**
 * Field names of alert documents (template {@code alerts.json}) and of the alert history
 * (template {@code alert-history.json}). The job writes every alert, rule or anomaly, through
 * one writer ({@code AlertDocuments} in detection); the query service reads and updates them:
 * one list, so a field renamed or added is renamed or added for all of them (issue 21). {@code AlertFieldsTest} holds this list
 * and the templates' mappings to each other.
 */
public final class AlertFields {
    public static final String RULE_ID = "rule_id";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String SUMMARY = "summary";
    public static final String SEVERITY = "severity";
    public static final String TAGS = "tags";
    /** The host of the alert's first evidence. */
    public static final String HOST = "host";
    /** Every host among the evidence: what host scopes and host filters match. */
    public static final String HOSTS = "hosts";

    public static final String GROUP_KEY = "group_key";
    public static final String FIRST_SEEN = "first_seen";
    public static final String LAST_SEEN = "last_seen";
    public static final String COUNT = "count";
    /** Processing time of the job's last write: what the notifier selects new alerts by. */
    public static final String UPDATED_AT = "updated_at";

    public static final String SHADOW = "shadow";
    /** Set by the job only when it creates the alert; afterwards only analysts change it. */
    public static final String STATUS = "status";

    public static final String STATUS_CHANGED_AT = "status_changed_at";
    public static final String STATUS_CHANGED_BY = "status_changed_by";
    public static final String EVENT_IDS = "event_ids";
    /** The kind's facts (window, threshold, steps, detector ...): stored, not indexed. */
    public static final String CONTEXT = "context";

    public static final String HISTORY_ALERT_ID = "alert_id";
    public static final String HISTORY_TIMESTAMP = "timestamp";
    public static final String HISTORY_USER = "user";
    public static final String HISTORY_FROM = "from_status";
    public static final String HISTORY_TO = "to_status";
    public static final String HISTORY_NOTE = "note";

    private AlertFields() {}
}
