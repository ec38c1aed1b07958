package io.vigil.detection.runtime;

import io.vigil.common.Durations;
import io.vigil.common.Severity;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.alert.AlertIds;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.Step;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suppression, shared by every rule kind: evidence within {@code suppress} of the group's open
 * alert (in event time) is folded into it, so a repeat updates {@code count} / {@code last_seen}
 * of one alert instead of raising another. Pure functions over {@link AlertEpisode}s: the rule
 * machines keep the episode in their own state, so a group's history can be evaluated again.
 */
final class Episodes implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Severity[] SEVERITIES = Severity.values();

    private final Rule rule;
    private final long suppress;
    private final List<String> summaryFields;

    Episodes(Rule rule) {
        this.rule = rule;
        this.suppress = rule.suppress().toMillis();
        this.summaryFields = RuleProjection.summaryFields(rule);
    }

    long suppress() {
        return suppress;
    }

    /** Whether evidence at {@code time} belongs to the episode (within suppress of its span). */
    boolean covers(AlertEpisode episode, long time) {
        return episode != null && time <= episode.lastSeen + suppress && time >= episode.firstSeen - suppress;
    }

    /** A new episode whose id comes from its first evidence: every evaluation recreates the same id. */
    AlertEpisode start(String groupKey, long firstTime, String host) {
        AlertEpisode episode = new AlertEpisode();
        episode.id = AlertIds.of(rule.id(), groupKey, firstTime, rule.suppress());
        episode.host = host;
        episode.firstSeen = firstTime;
        episode.lastSeen = firstTime;
        return episode;
    }

    /** Folds one evidence entry in; evidence comes in event-time order, so the capped lists are the first ones. */
    static void add(AlertEpisode episode, Evidence evidence) {
        episode.count += evidence.occurrences;
        episode.firstSeen = Math.min(episode.firstSeen, evidence.timestamp);
        episode.lastSeen = Math.max(episode.lastSeen, evidence.timestamp);
        episode.severity = Math.max(episode.severity, evidence.severity);
        addCapped(episode.eventIds, evidence.id, false);
        addCapped(episode.values, evidence.value, false);
        addCapped(episode.hosts, evidence.host, true);
    }

    static void addHost(AlertEpisode episode, String host) {
        addCapped(episode.hosts, host, true);
    }

    private static void addCapped(List<String> list, String value, boolean sorted) {
        if (value == null || list.size() >= Alert.MAX_EVENT_IDS || list.contains(value)) {
            return;
        }
        if (sorted) {
            int at = Collections.binarySearch(list, value);
            list.add(-at - 1, value);
        } else {
            list.add(value);
        }
    }

    /** The alert as the episode stands. */
    Alert alert(AlertEpisode episode, String groupKey) {
        Alert alert = new Alert();
        alert.id = episode.id;
        alert.ruleId = rule.id();
        alert.title = rule.title();
        alert.description = rule.description();
        alert.severity = SEVERITIES[Math.max(episode.severity, rule.severity().ordinal())].name();
        alert.tags = new ArrayList<>(rule.tags());
        alert.host = episode.host;
        alert.hosts = new ArrayList<>(episode.hosts);
        alert.groupKey = groupKey;
        alert.firstSeen = episode.firstSeen;
        alert.lastSeen = episode.lastSeen;
        alert.count = episode.count;
        alert.eventIds = new ArrayList<>(episode.eventIds);
        alert.context = context(episode);
        alert.shadow = rule.shadow();
        String[] values = episode.summary;
        alert.summary = rule.summary() == null
                ? rule.title() + ": " + episode.count + (episode.count == 1 ? " event" : " events") + " for " + groupKey
                : rule.summary().render(name -> placeholder(name, episode, groupKey, values));
        return alert;
    }

    private Object placeholder(String name, AlertEpisode episode, String groupKey, String[] values) {
        switch (name) {
            case "count":
                return episode.count;
            case "host":
                return episode.host;
            case "group":
                return groupKey;
            case "first_seen":
                return Instant.ofEpochMilli(episode.firstSeen).toString();
            case "last_seen":
                return Instant.ofEpochMilli(episode.lastSeen).toString();
            case "distinct":
                return episode.values.size();
            case "max":
                return Double.isInfinite(episode.max) ? null : episode.max;
            case "min":
                return Double.isInfinite(episode.min) ? null : episode.min;
            default:
                int i = summaryFields.indexOf(name);
                return i < 0 || i >= values.length ? null : values[i];
        }
    }

    private Map<String, Object> context(AlertEpisode episode) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("kind", rule.kind().value());
        context.put("group_by", new ArrayList<>(rule.groupBy()));
        switch (rule.kind()) {
            case COUNT -> {
                context.put("within", Durations.format(rule.count().within()));
                context.put("at_least", rule.count().min());
                if (rule.count().decidedAtWindowEnd()) {
                    context.put("at_most", rule.count().max());
                }
                if (rule.count().countsDistinct()) {
                    context.put("distinct", rule.count().distinctField());
                    context.put("values", new ArrayList<>(episode.values));
                }
            }
            case THRESHOLD -> {
                context.put("condition", rule.threshold().describe());
                context.put("samples", rule.threshold().samples());
                context.put("for", Durations.format(rule.threshold().holdFor()));
                if (!Double.isInfinite(episode.max)) {
                    context.put("max", episode.max);
                    context.put("min", episode.min);
                }
            }
            case SEQUENCE -> {
                context.put("within", Durations.format(rule.sequence().within()));
                // Mutable lists only: alerts travel through Kryo, which cannot rebuild immutable ones.
                context.put(
                        "steps",
                        new ArrayList<>(
                                rule.sequence().steps().stream().map(Step::name).toList()));
            }
            case MATCH -> {}
        }
        return context;
    }
}
