package io.vigil.query.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.AlertFields;
import io.vigil.common.AlertStatus;
import io.vigil.common.Indices;
import io.vigil.query.alerts.AlertScope;
import io.vigil.query.es.Elasticsearch;
import io.vigil.query.rules.ShadowAlerts;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the alerts that need a notification and claims one per channel, before anything is sent,
 * by creating its document {@code CHANNEL:ALERT_ID} with {@code op_type=create}: whatever happens
 * later (a new count or last_seen of the same alert, a restart, a second instance, a rescan), that
 * id exists and no second notification is ever claimed. A closed alert whose trigger went to a
 * resolving channel (PagerDuty) gets its resolve document the same way.
 *
 * <p>Alerts are read by {@code _seq_no} of the single-shard alerts index: every write (new alert,
 * new count, status change) gets the next one, so "after the last one read" is each new or changed
 * alert. Concurrent writes may become searchable out of order, so every {@code rescan-interval}
 * (and at start) all alerts written or changed within {@code lookback} are read again; the claims
 * make that harmless.
 */
final class AlertIntake {
    private static final int PAGE = 500;
    private static final int KNOWN_MAX = 100_000;

    private final Elasticsearch elasticsearch;
    private final Indices indices;
    private final NotificationStore store;
    private final Channels channels;
    private final NotificationSettings settings;
    /** Claims known to exist: spares a lookup each time a busy alert changes again. */
    private final Set<String> known = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > KNOWN_MAX;
        }
    });

    private Long position;
    private Instant lastRescan;

    AlertIntake(
            Elasticsearch elasticsearch,
            Indices indices,
            NotificationStore store,
            Channels channels,
            NotificationSettings settings) {
        this.elasticsearch = elasticsearch;
        this.indices = indices;
        this.store = store;
        this.channels = channels;
        this.settings = settings;
    }

    /** One pass over new and changed alerts. @return the channels that got something to send */
    Set<String> poll(Instant now) {
        channels.assets().refresh();
        boolean rescan = lastRescan == null || !now.isBefore(lastRescan.plus(settings.getRescanInterval()));
        Long after = rescan ? null : position;
        Set<String> woken = new HashSet<>();
        while (true) {
            JsonNode hits = search(now, after);
            List<AlertView> alerts = new ArrayList<>();
            for (JsonNode hit : hits) {
                alerts.add(new AlertView(
                        hit.path("_id").asText(),
                        hit.path("_source") instanceof ObjectNode s ? s : store.newDocument()));
                after = hit.path("sort").path(0).asLong();
            }
            if (!alerts.isEmpty()) {
                woken.addAll(claim(alerts, now));
                position = position == null ? after : Math.max(position, after);
            }
            if (hits.size() < PAGE) {
                break;
            }
        }
        if (rescan) {
            lastRescan = now;
        }
        return woken;
    }

    private JsonNode search(Instant now, Long after) {
        ObjectNode body = store.newDocument();
        body.put("size", PAGE);
        body.put("track_total_hits", false);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode recent = bool.putArray("should");
        long since = now.minus(settings.getLookback()).toEpochMilli();
        // Written by the job (updated_at, processing time) or changed by an analyst within lookback.
        // Not last_seen: that is event time, and an alert raised now from a backlog of older
        // events must still page. Documents written before updated_at existed fall back to last_seen.
        for (String field : List.of(AlertFields.UPDATED_AT, AlertFields.STATUS_CHANGED_AT)) {
            recent.add(since(field, since));
        }
        ObjectNode older = recent.addObject().putObject("bool");
        older.putArray("must_not").addObject().putObject("exists").put("field", AlertFields.UPDATED_AT);
        older.putArray("filter").add(since(AlertFields.LAST_SEEN, since));
        bool.put("minimum_should_match", 1);
        // a shadow rule's alerts notify nobody (rules/README.md, "Shadow mode")
        bool.putArray("filter").add(ShadowAlerts.liveOnly(elasticsearch.mapper()));
        body.putArray("sort").addObject().putObject("_seq_no").put("order", "asc");
        if (after != null) {
            body.putArray("search_after").add(after);
        }
        return elasticsearch
                .search(indices.alerts(), body)
                .map(a -> a.path("hits").path("hits"))
                .orElseGet(() -> store.newDocument().putArray("none"));
    }

    private ObjectNode since(String field, long epochMillis) {
        ObjectNode range = store.newDocument();
        range.putObject("range").putObject(field).put("gte", epochMillis).put("format", "epoch_millis");
        return range;
    }

    private Set<String> claim(List<AlertView> alerts, Instant now) {
        // What each alert may need, per channel, unless already known to exist.
        Map<String, ObjectNode> triggers = new LinkedHashMap<>();
        Map<String, String> resolveToTrigger = new LinkedHashMap<>();
        Map<String, ObjectNode> resolves = new LinkedHashMap<>();
        for (AlertView alert : alerts) {
            for (Channel channel : channels.list()) {
                if (alert.status() == AlertStatus.OPEN) {
                    String id = DeliveryRecord.triggerId(channel.name(), alert.id());
                    if (!known.contains(id)
                            && channel.route().matches(alert, channels.assets().groupOf(alert))) {
                        triggers.put(
                                id,
                                document(channel, alert, DeliveryRecord.TRIGGER, notBefore(channel, alert, now), now));
                    }
                } else if (alert.status() == AlertStatus.CLOSED
                        && channel.type().resolves()) {
                    String id = DeliveryRecord.resolveId(channel.name(), alert.id());
                    if (!known.contains(id)) {
                        resolveToTrigger.put(id, DeliveryRecord.triggerId(channel.name(), alert.id()));
                        resolves.put(id, document(channel, alert, DeliveryRecord.RESOLVE, now, now));
                    }
                }
            }
        }
        if (triggers.isEmpty() && resolves.isEmpty()) {
            return Set.of();
        }
        Set<String> lookup = new LinkedHashSet<>(triggers.keySet());
        lookup.addAll(resolves.keySet());
        lookup.addAll(resolveToTrigger.values());
        Map<String, DeliveryRecord> existing = store.find(lookup);
        List<Map.Entry<String, ObjectNode>> create = new ArrayList<>();
        triggers.forEach((id, doc) -> {
            if (existing.containsKey(id)) {
                known.add(id);
            } else {
                create.add(new AbstractMap.SimpleEntry<>(id, doc));
            }
        });
        resolves.forEach((id, doc) -> {
            if (existing.containsKey(id)) {
                known.add(id);
            } else if (existing.containsKey(resolveToTrigger.get(id))) {
                DeliveryStatus trigger = existing.get(resolveToTrigger.get(id)).status();
                if (trigger == DeliveryStatus.DEAD || trigger == DeliveryStatus.SKIPPED) {
                    known.add(id); // never reached the receiver, and never will: nothing to resolve
                } else {
                    create.add(new AbstractMap.SimpleEntry<>(id, doc));
                }
            }
            // No trigger on this channel: nothing to resolve (not remembered: a reopened alert may still page).
        });
        Set<String> woken = new HashSet<>();
        List<Boolean> created = store.createAll(create);
        for (int i = 0; i < create.size(); i++) {
            if (created.get(i)) {
                known.add(create.get(i).getKey());
                woken.add(create.get(i).getValue().path(DeliveryRecord.CHANNEL).asText());
            }
        }
        return woken;
    }

    /** Now plus the channel's grouping wait, or the end of its quiet hours when the alert must wait for them. */
    private static Instant notBefore(Channel channel, AlertView alert, Instant now) {
        QuietHours quiet = channel.quietHours();
        if (quiet != null && quiet.holds(alert.severity())) {
            var end = quiet.endOfPeriodAt(now);
            if (end.isPresent()) {
                return end.get();
            }
        }
        return now.plus(channel.grouping().window());
    }

    private ObjectNode document(Channel channel, AlertView alert, String action, Instant notBefore, Instant now) {
        ObjectNode doc = store.newDocument();
        doc.put(DeliveryRecord.CHANNEL, channel.name());
        doc.put(DeliveryRecord.CHANNEL_TYPE, channel.type().value());
        doc.put(DeliveryRecord.ALERT_ID, alert.id());
        doc.put(DeliveryRecord.ACTION, action);
        doc.put(DeliveryRecord.STATUS, DeliveryStatus.PENDING.value());
        doc.put(DeliveryRecord.RULE_ID, alert.ruleId());
        doc.put(DeliveryRecord.TITLE, alert.title());
        doc.put(DeliveryRecord.SEVERITY, alert.severity().name());
        doc.put(DeliveryRecord.HOST, alert.host());
        ArrayNode hosts = doc.putArray(DeliveryRecord.HOSTS);
        AlertScope.hostsOf(alert.source()).forEach(hosts::add);
        doc.put(DeliveryRecord.CREATED_AT, now.toString());
        doc.put(DeliveryRecord.UPDATED_AT, now.toString());
        doc.put(DeliveryRecord.NOT_BEFORE, notBefore.toString());
        doc.put(DeliveryRecord.ATTEMPTS, 0);
        return doc;
    }
}
