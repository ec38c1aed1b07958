package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import java.util.function.Consumer;

/**
 * A {@code count} rule whose condition has an upper bound (Sigma's {@code lt}, {@code lte},
 * {@code eq}, or a range): "fewer than 3 logins in an hour" is only true once the hour is over,
 * so unlike {@link CountMachine} this one waits for the window to close. A group's window opens
 * with its first matching event and covers the rule's {@code within} from it, both ends
 * included; it closes when event time reaches its end (the watermark says no earlier event
 * can come), or earlier when the group's own next event lies past it. Its amount is then judged once, and the next event opens the next window.
 *
 * <p>Vigil sees a group only through its events, so a window always holds at least one: "lt 3"
 * means one or two, never zero (absence of any event is not detected).
 */
final class ClosedWindowMachine extends CountWindows {
    private static final long serialVersionUID = 1L;

    ClosedWindowMachine(Rule rule) {
        super(rule);
    }

    @Override
    public void accept(CountState state, RuleInput input, String groupKey, Consumer<Alert> out) {
        if (state.windowEnd != Long.MIN_VALUE && input.timestamp > state.windowEnd) {
            close(state, groupKey, out); // the group's own time is past the window
        }
        if (state.windowEnd == Long.MIN_VALUE) {
            state.windowEnd = input.timestamp + within;
        }
        CountMachine.insert(state.window, Evidence.of(input), spec.countsDistinct());
        state.newestSummary = input.summary;
    }

    @Override
    public boolean advance(CountState state, long time, String groupKey, Consumer<Alert> out) {
        if (state.windowEnd != Long.MIN_VALUE && time >= state.windowEnd) {
            close(state, groupKey, out);
            return true;
        }
        return false;
    }

    @Override
    public long deadline(CountState state) {
        return state.windowEnd;
    }

    @Override
    public long idleFrom(CountState state) {
        long idle = state.windowEnd == Long.MIN_VALUE ? state.newest : state.windowEnd + 1;
        return state.episode == null ? idle : Math.max(idle, state.episode.lastSeen + episodes.suppress());
    }

    @Override
    public Alert current(CountState state, String groupKey) {
        return state.episode == null ? null : episodes.alert(state.episode, groupKey);
    }

    /** Judges the window's amount once and starts over. */
    private void close(CountState state, String groupKey, Consumer<Alert> out) {
        CountAmount amount = new CountAmount(spec);
        state.window.forEach(amount::add);
        boolean fires = !state.window.isEmpty() && spec.accepts(amount.value());
        if (fires) {
            Evidence first = state.window.get(0);
            if (!episodes.covers(state.episode, first.timestamp)) {
                state.episode = episodes.start(groupKey, first.timestamp, first.host);
            }
            state.window.forEach(e -> Episodes.add(state.episode, e));
            state.episode.summary = state.newestSummary;
            out.accept(episodes.alert(state.episode, groupKey));
        }
        state.window.clear();
        state.windowEnd = Long.MIN_VALUE;
        state.newestSummary = RuleInput.NO_SUMMARY;
    }
}
