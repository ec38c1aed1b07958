package io.vigil.detection.runtime;

import io.vigil.common.Severity;
import io.vigil.detection.alert.Alert;
import io.vigil.detection.alert.AlertIds;
import io.vigil.detection.rule.Durations;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * Suppression, shared by every rule operator: the open alert of the current group lives in
 * keyed state; evidence within {@code suppress} of it (in event time) is folded into it, so a
 * repeat updates {@code count} / {@code last_seen} of one alert instead of raising another.
 */
final class AlertEpisodes {
    private static final Severity[] SEVERITIES = Severity.values();

    private final Rule rule;
    private final long suppress;
    private final ValueState<AlertEpisode> state;

    AlertEpisodes(Rule rule, RuntimeContext context) {
        this.rule = rule;
        this.suppress = rule.suppress().toMillis();
        this.state = context.getState(new ValueStateDescriptor<>("alert-episode", AlertEpisode.class));
    }

    AlertEpisode current() throws Exception {
        return state.value();
    }

    /** Whether evidence at {@code time} belongs to the episode (within suppress of its span). */
    boolean covers(AlertEpisode episode, long time) {
        return episode != null && time <= episode.lastSeen + suppress && time >= episode.firstSeen - suppress;
    }

    /** A new episode whose id comes from its first evidence: replays recreate the same id. */
    AlertEpisode start(String groupKey, Evidence first) {
        AlertEpisode episode = new AlertEpisode();
        episode.id = AlertIds.of(rule.id(), groupKey, first.timestamp, rule.suppress());
        episode.host = first.host;
        episode.firstSeen = first.timestamp;
        episode.lastSeen = first.timestamp;
        return episode;
    }

    static void add(AlertEpisode episode, Evidence evidence) {
        episode.count += evidence.occurrences;
        if (evidence.timestamp < episode.firstSeen) {
            episode.firstSeen = evidence.timestamp;
        }
        if (evidence.timestamp > episode.lastSeen) {
            episode.lastSeen = evidence.timestamp;
        }
        episode.severity = Math.max(episode.severity, evidence.severity);
        if (evidence.id != null && episode.eventIds.size() < Alert.MAX_EVENT_IDS && !episode.eventIds.contains(evidence.id)) {
            episode.eventIds.add(evidence.id);
        }
        if (evidence.value != null && episode.values.size() < Alert.MAX_EVENT_IDS && !episode.values.contains(evidence.value)) {
            episode.values.add(evidence.value);
        }
    }

    void save(AlertEpisode episode) throws Exception {
        state.update(episode);
    }

    void clear() {
        state.clear();
    }

    /**
     * The alert as it stands.
     *
     * @param eventFields event fields for the summary placeholders, from the newest evidence
     */
    Alert alert(AlertEpisode episode, String groupKey, Function<String, Object> eventFields) {
        Alert alert = new Alert();
        alert.id = episode.id;
        alert.ruleId = rule.id();
        alert.title = rule.title();
        alert.description = rule.description();
        alert.severity = SEVERITIES[Math.max(episode.severity, rule.severity().ordinal())].name();
        alert.tags = new ArrayList<>(rule.tags());
        alert.host = episode.host;
        alert.groupKey = groupKey;
        alert.firstSeen = episode.firstSeen;
        alert.lastSeen = episode.lastSeen;
        alert.count = episode.count;
        alert.eventIds = new ArrayList<>(episode.eventIds);
        alert.context = context(episode);
        alert.summary = rule.summary() == null
                ? rule.title() + ": " + episode.count + (episode.count == 1 ? " event" : " events") + " for " + groupKey
                : rule.summary().render(name -> placeholder(name, episode, groupKey, eventFields));
        return alert;
    }

    /** Summary lookup over the field values a {@link RuleInput} or {@link Hit} carries. */
    static Function<String, Object> fields(List<String> names, String[] values) {
        return name -> {
            int i = names.indexOf(name);
            return i < 0 || i >= values.length ? null : values[i];
        };
    }

    private static Object placeholder(String name, AlertEpisode episode, String groupKey, Function<String, Object> eventFields) {
        switch (name) {
            case "count": return episode.count;
            case "host": return episode.host;
            case "group": return groupKey;
            case "first_seen": return Instant.ofEpochMilli(episode.firstSeen).toString();
            case "last_seen": return Instant.ofEpochMilli(episode.lastSeen).toString();
            case "distinct": return episode.values.size();
            case "max": return Double.isInfinite(episode.max) ? null : episode.max;
            case "min": return Double.isInfinite(episode.min) ? null : episode.min;
            default: return eventFields.apply(name);
        }
    }

    private Map<String, Object> context(AlertEpisode episode) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("kind", rule.kind().value());
        context.put("group_by", new ArrayList<>(rule.groupBy()));
        switch (rule.kind()) {
            case COUNT:
                context.put("within", Durations.format(rule.count().within()));
                context.put("at_least", rule.count().min());
                if (rule.count().decidedAtWindowEnd()) {
                    context.put("at_most", rule.count().max());
                }
                if (rule.count().countsDistinct()) {
                    context.put("distinct", rule.count().distinctField());
                    context.put("values", new ArrayList<>(episode.values));
                }
                break;
            case THRESHOLD:
                context.put("condition", rule.threshold().describe());
                context.put("samples", rule.threshold().samples());
                context.put("for", Durations.format(rule.threshold().holdFor()));
                if (!Double.isInfinite(episode.max)) {
                    context.put("max", episode.max);
                    context.put("min", episode.min);
                }
                break;
            case SEQUENCE:
                context.put("within", Durations.format(rule.sequence().within()));
                // Mutable lists only: alerts travel through Kryo, which cannot rebuild immutable ones.
                context.put("steps", new ArrayList<>(rule.sequence().steps().stream().map(Step::name).toList()));
                break;
            default:
                break;
        }
        return context;
    }
}
