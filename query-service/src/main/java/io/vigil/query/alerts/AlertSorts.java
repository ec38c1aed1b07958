package io.vigil.query.alerts;

import static io.vigil.query.search.SortSpec.Type.LONG;
import static io.vigil.query.search.SortSpec.Type.STRING;

import io.vigil.common.AlertFields;
import io.vigil.query.search.SortSpec;

/** The orders of the alert endpoints. */
final class AlertSorts {
    /**
     * The list: most recently active first. The detection engine keeps one alert per rule, group
     * and first window, so (first_seen, rule_id, group_key) breaks every tie without {@code _id}.
     */
    static final SortSpec LIST = SortSpec.of(
            SortSpec.desc(AlertFields.LAST_SEEN, LONG, "date"),
            SortSpec.desc(AlertFields.FIRST_SEEN, LONG, "date"),
            SortSpec.asc(AlertFields.RULE_ID, STRING, "keyword"),
            SortSpec.asc(AlertFields.GROUP_KEY, STRING, "keyword"));

    /**
     * The stream: every write to an alert (creation, a new count or last_seen, a status change)
     * gets the next {@code _seq_no} of the alerts index's single shard, so "seq_no after the last
     * one sent" yields each new or changed alert once, in write order, whatever its event times.
     * (The alerts template keeps that index at one shard; seq_no is per shard.)
     */
    static final SortSpec STREAM = SortSpec.of(SortSpec.asc("_seq_no", LONG, null));

    /** The history of one alert: oldest first. */
    static final SortSpec HISTORY = SortSpec.of(SortSpec.asc(AlertFields.HISTORY_TIMESTAMP, LONG, "date"));

    private AlertSorts() {}
}
