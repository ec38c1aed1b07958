package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.CountSpec;
import io.vigil.detection.rule.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@code count} rule for one group: at least N matching events (or N distinct values of a
 * field, or N of its parts met) within a sliding window. The alert goes out with the Nth event,
 * not at the end of a window; while it is open, further matching events extend it (suppression).
 * Conditions with an upper bound are {@link ClosedWindowMachine}'s.
 */
final class CountMachine extends CountWindows {
    private static final long serialVersionUID = 1L;

    CountMachine(Rule rule) {
        super(rule);
    }

    @Override
    public void accept(CountState state, RuleInput input, String groupKey, Consumer<Alert> out) {
        Evidence evidence = Evidence.of(input);
        insert(state.window, evidence, spec.countsDistinct());
        if (episodes.covers(state.episode, input.timestamp)) {
            Episodes.add(state.episode, evidence);
            state.episode.summary = input.summary;
            out.accept(episodes.alert(state.episode, groupKey));
        } else {
            List<Evidence> qualifying = qualifyingWindow(state.window, input.timestamp, spec);
            if (qualifying != null) {
                Evidence first = qualifying.get(0);
                state.episode = episodes.start(groupKey, first.timestamp, first.host);
                for (Evidence e : qualifying) {
                    Episodes.add(state.episode, e);
                }
                state.episode.summary = input.summary;
                out.accept(episodes.alert(state.episode, groupKey));
            }
        }
        long horizon = input.timestamp - within;
        state.window.removeIf(e -> e.timestamp < horizon);
    }

    @Override
    public long idleFrom(CountState state) {
        long idle = state.newest == Long.MIN_VALUE ? Long.MIN_VALUE : state.newest + within;
        return state.episode == null ? idle : Math.max(idle, state.episode.lastSeen + episodes.suppress());
    }

    @Override
    public Alert current(CountState state, String groupKey) {
        return state.episode == null ? null : episodes.alert(state.episode, groupKey);
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
