package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.CountSpec;
import io.vigil.detection.rule.Rule;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.Collector;

/**
 * A {@code count} rule whose condition has an upper bound (Sigma's {@code lt}, {@code lte},
 * {@code eq}, or a range): "fewer than 3 logins in an hour" is only true once the hour is over,
 * so unlike {@link CountFunction} this one waits for the window to close. A group's window
 * opens with its first matching event and lasts the rule's {@code within}; it closes when event
 * time (the watermark) passes its end, or earlier when the group's own next event is already
 * past it. Its amount is then judged once, and the next event opens the next window.
 *
 * <p>Vigil sees a group only through its events, so a window always holds at least one: "lt 3"
 * means one or two, never zero (absence of any event is not detected).
 */
public class ClosedWindowCountFunction extends GroupRuleFunction {
    private static final long serialVersionUID = 1L;

    private final long within;
    private final long retention;

    private transient ListState<Evidence> window;
    private transient ValueState<Long> windowEnd;
    private transient ValueState<RuleInput> newestInput;

    public ClosedWindowCountFunction(Rule rule, DetectionSettings settings) {
        super(rule, settings);
        this.within = rule.count().within().toMillis();
        this.retention = Math.max(within, rule.suppress().toMillis()) + lateness;
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        super.open(parameters);
        window = getRuntimeContext().getListState(new ListStateDescriptor<>("closed-window-evidence", Evidence.class));
        windowEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("closed-window-end", Long.class));
        newestInput = getRuntimeContext().getState(new ValueStateDescriptor<>("closed-window-newest", RuleInput.class));
    }

    @Override
    public void processElement(RuleInput event, Context ctx, Collector<Alert> out) throws Exception {
        if (late(event, ctx)) {
            return;
        }
        Long end = windowEnd.value();
        if (end != null && event.timestamp > end) {
            // the group's own time is past the window: no need to wait for the watermark
            ctx.timerService().deleteEventTimeTimer(end);
            close(ctx.getCurrentKey(), out);
            end = null;
        }
        if (end == null) {
            end = event.timestamp + within;
            windowEnd.update(end);
            ctx.timerService().registerEventTimeTimer(end);
        }
        List<Evidence> entries = new ArrayList<>();
        for (Evidence e : window.get()) {
            entries.add(e);
        }
        CountFunction.insert(entries, Evidence.of(event), rule.count().countsDistinct());
        window.update(entries);
        RuleInput newest = newestInput.value();
        if (newest == null || event.timestamp >= newest.timestamp) {
            newestInput.update(event);
        }
        clock.scheduleCleanup(ctx.timerService(), retention);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Long end = windowEnd.value();
        if (end != null && end == timestamp) {
            close(ctx.getCurrentKey(), out);
        }
        if (clock.isCleanup(timestamp)) {
            clearGroup();
        }
    }

    /** Judges the window's amount once and starts over. */
    private void close(String key, Collector<Alert> out) throws Exception {
        CountSpec spec = rule.count();
        CountAmount amount = new CountAmount(spec);
        List<Evidence> entries = new ArrayList<>();
        for (Evidence e : window.get()) {
            entries.add(e);
            amount.add(e);
        }
        RuleInput newest = newestInput.value();
        window.clear();
        windowEnd.clear();
        newestInput.clear();
        if (entries.isEmpty() || !spec.accepts(amount.value())) {
            return;
        }
        AlertEpisode episode = episodes.current();
        if (!episodes.covers(episode, entries.get(0).timestamp)) {
            episode = episodes.start(key, entries.get(0));
        }
        for (Evidence e : entries) {
            AlertEpisodes.add(episode, e);
        }
        emit(episode, key, newest.summary, out);
    }
}
