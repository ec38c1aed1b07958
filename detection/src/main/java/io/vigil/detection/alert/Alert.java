package io.vigil.detection.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * An alert as stored in {@code PREFIX-alerts} (template {@code alerts.json}, CONTRACT.md). The
 * job emits the whole alert every time it changes (opened, then count / last_seen / severity
 * grow while it is suppressed); {@link AlertEmitter} turns that into an upsert that never
 * touches {@code status} of an existing alert. A Flink POJO: public fields, no-arg constructor
 * ({@link AlertTypeInfo}).
 */
@TypeInfo(AlertTypeInfo.class)
public class Alert {
    /** At most this many matched event ids are kept per alert; {@code count} keeps counting. */
    public static final int MAX_EVENT_IDS = 50;

    /**
     * Deterministic: rule, group key and first-event window (see {@link AlertIds}); for an anomaly
     * alert, its rule, host and episode start (the job's {@code AnomalyAlertEmitter.alertId}).
     */
    public String id;

    public String ruleId;
    public String title;
    public String description;
    public String summary;
    public String severity;
    public List<String> tags = new ArrayList<>();
    /** The host of the first evidence event. */
    public String host;
    /** Every host that contributed evidence, sorted (capped like the event ids): what host scoping checks. */
    public List<String> hosts = new ArrayList<>();

    public String groupKey;
    /** Event time of the first and last evidence event, epoch millis UTC. */
    public long firstSeen;

    public long lastSeen;
    /** Number of evidence events (including those past {@link #MAX_EVENT_IDS}). */
    public long count;
    /** Always {@code open} when the job creates it; only the query service changes it. */
    public String status = "open";

    public List<String> eventIds = new ArrayList<>();
    /** What the rule saw (window, distinct values, extreme values, steps): stored, not indexed. */
    public Map<String, Object> context = new LinkedHashMap<>();
    /**
     * Raised by a rule in {@code mode: shadow}: stored like any alert, but it counts in no badge and
     * notifies nobody (the query service leaves it out unless asked), so a rule's noise shows before
     * it reaches analysts.
     */
    public boolean shadow;
    /**
     * True when later evidence showed the alert does not hold (an out-of-order event changed the
     * group's history): the alert is then removed, not updated. Never stored.
     */
    public boolean withdrawn;
    /**
     * Ciphertexts of the protected values the alert's text refers to by marker (layout of
     * {@code io.vigil.common.protect.ProtectedFields}); empty until the job's protect-alerts step.
     */
    public Map<String, Object> protectedValues = new LinkedHashMap<>();

    public Alert() {}

    /** The withdrawal of the alert {@code id}. */
    public static Alert withdrawal(String id, String ruleId, String groupKey) {
        Alert alert = new Alert();
        alert.id = id;
        alert.ruleId = ruleId;
        alert.groupKey = groupKey;
        alert.withdrawn = true;
        return alert;
    }

    /**
     * A 64-bit fingerprint of everything the job writes about the alert: equal alerts have equal
     * fingerprints, and a changed one almost surely another (FNV-1a over the fields).
     */
    public long fingerprint() {
        String text = id + '\u0000' + ruleId + '\u0000' + severity + '\u0000' + summary + '\u0000' + host + '\u0000'
                + hosts + '\u0000' + groupKey + '\u0000' + firstSeen + '\u0000' + lastSeen + '\u0000' + count + '\u0000'
                + eventIds + '\u0000' + context + '\u0000' + withdrawn + '\u0000' + shadow;
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    @Override
    public String toString() {
        return "Alert{" + ruleId + " " + groupKey + " " + severity + " count=" + count + " first=" + firstSeen
                + " last=" + lastSeen + " host=" + host + " id=" + id + (withdrawn ? " withdrawn" : "")
                + (shadow ? " shadow" : "") + "}";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Alert)) {
            return false;
        }
        Alert a = (Alert) o;
        return firstSeen == a.firstSeen
                && lastSeen == a.lastSeen
                && count == a.count
                && Objects.equals(id, a.id)
                && Objects.equals(ruleId, a.ruleId)
                && Objects.equals(severity, a.severity)
                && Objects.equals(summary, a.summary)
                && Objects.equals(host, a.host)
                && Objects.equals(hosts, a.hosts)
                && withdrawn == a.withdrawn
                && shadow == a.shadow
                && Objects.equals(groupKey, a.groupKey)
                && Objects.equals(eventIds, a.eventIds)
                && Objects.equals(context, a.context);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, count, lastSeen);
    }
}
