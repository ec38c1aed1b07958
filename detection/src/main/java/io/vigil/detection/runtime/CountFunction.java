package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.CountSpec;
import io.vigil.detection.rule.Rule;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.Collector;

/**
 * A {@code count} rule for one group: at least N matching events (or N distinct values of a
 * field, or N of its parts met) within a sliding window. Each event is judged when it arrives — the alert goes out
 * with the Nth event, not at the end of a window — against the group's recent evidence, kept
 * sorted by event time so out-of-order events still land in the right windows. While the alert
 * is open, further matching events extend it (suppression).
 *
 * <p>Input: the rule's {@link RuleInput}s (events that met its condition), keyed by group.
 * Conditions with an upper bound are {@link ClosedWindowCountFunction}'s.
 */
public class CountFunction extends GroupRuleFunction {
    private static final long serialVersionUID = 1L;

    private final long within;
    private final long retention;

    private transient ListState<Evidence> window;

    public CountFunction(Rule rule, DetectionSettings settings) {
        super(rule, settings);
        this.within = rule.count().within().toMillis();
        this.retention = Math.max(within, rule.suppress().toMillis()) + lateness;
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        super.open(parameters);
        window = getRuntimeContext().getListState(new ListStateDescriptor<>("count-evidence", Evidence.class));
    }

    @Override
    public void processElement(RuleInput event, Context ctx, Collector<Alert> out) throws Exception {
        if (late(event, ctx)) {
            return;
        }
        CountSpec spec = rule.count();
        Evidence evidence = Evidence.of(event);
        List<Evidence> entries = new ArrayList<>();
        for (Evidence e : window.get()) {
            entries.add(e);
        }
        insert(entries, evidence, spec.countsDistinct());

        String key = ctx.getCurrentKey();
        AlertEpisode episode = episodes.current();
        if (episodes.covers(episode, event.timestamp)) {
            AlertEpisodes.add(episode, evidence);
            emit(episode, key, event.summary, out);
        } else {
            List<Evidence> evidenceWindow = qualifyingWindow(entries, event.timestamp, spec);
            if (evidenceWindow != null) {
                episode = episodes.start(key, evidenceWindow.get(0));
                for (Evidence e : evidenceWindow) {
                    AlertEpisodes.add(episode, e);
                }
                emit(episode, key, event.summary, out);
            }
        }
        long horizon = clock.newest() - within - lateness;
        entries.removeIf(e -> e.timestamp < horizon);
        window.update(entries);
        clock.scheduleCleanup(ctx.timerService(), retention);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        if (clock.isCleanup(timestamp)) {
            window.clear();
            clearGroup();
        }
    }

    /** Sorted insert; with distinct counting, one entry per value (the newest) carries all occurrences. */
    static void insert(List<Evidence> entries, Evidence evidence, boolean distinct) {
        if (distinct) {
            for (int i = 0; i < entries.size(); i++) {
                Evidence same = entries.get(i);
                if (same.value.equals(evidence.value)) {
                    entries.remove(i);
                    Evidence merged = same.timestamp > evidence.timestamp ? same : evidence.copy();
                    merged.occurrences = same.occurrences + evidence.occurrences;
                    evidence = merged; // the caller's evidence stays one event
                    break;
                }
            }
        }
        int at = entries.size();
        while (at > 0 && entries.get(at - 1).timestamp > evidence.timestamp) {
            at--;
        }
        entries.add(at, evidence);
    }

    /**
     * The evidence of the first window of length {@code within} that contains {@code time} and
     * holds enough events (or distinct values), or null when none does. Two pointers over the
     * sorted entries: linear in the entries near {@code time}.
     */
    static List<Evidence> qualifyingWindow(List<Evidence> entries, long time, CountSpec spec) {
        long within = spec.within().toMillis();
        int end = 0;
        CountAmount amount = new CountAmount(spec);
        for (int start = 0; start < entries.size(); start++) {
            Evidence first = entries.get(start);
            if (first.timestamp > time) {
                break;
            }
            if (end < start) {
                end = start;
                amount.clear();
            }
            while (end < entries.size() && entries.get(end).timestamp <= first.timestamp + within) {
                amount.add(entries.get(end++));
            }
            boolean containsTime = first.timestamp + within >= time;
            if (containsTime && amount.value() >= spec.min()) {
                return new ArrayList<>(entries.subList(start, end));
            }
            amount.remove(first);
        }
        return null;
    }
}
