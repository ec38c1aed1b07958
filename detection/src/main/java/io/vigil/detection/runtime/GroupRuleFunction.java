package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * What every keyed function of a stateful rule (count, closed-window count, threshold) shares:
 * the group's own clock that decides which inputs are late, the group's alert episodes, and the
 * rule's alert counter. Subclasses keep their own evidence state.
 */
abstract class GroupRuleFunction extends KeyedProcessFunction<String, RuleInput, Alert> {
    private static final long serialVersionUID = 1L;

    protected final Rule rule;
    protected final long lateness;
    protected final List<String> summaryFields;

    protected transient AlertEpisodes episodes;
    protected transient GroupClock clock;
    private transient Counter alerts;

    GroupRuleFunction(Rule rule, DetectionSettings settings) {
        this.rule = rule;
        this.lateness = settings.allowedLateness().toMillis();
        this.summaryFields = RuleProjection.summaryFields(rule);
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        episodes = new AlertEpisodes(rule, getRuntimeContext());
        clock = new GroupClock(getRuntimeContext());
        alerts = RuleMetrics.alerts(getRuntimeContext(), rule);
    }

    /**
     * An input more than the allowed lateness older than its group's newest goes to
     * {@link LateEvents} (true); any other moves the group's clock (false).
     */
    protected boolean late(RuleInput input, Context ctx) throws Exception {
        if (clock.isLate(input.timestamp, lateness)) {
            ctx.output(LateEvents.TAG, input);
            return true;
        }
        clock.observe(input.timestamp);
        return false;
    }

    /** Saves the episode and emits its alert, summarized from {@code summary} (an input's values). */
    protected void emit(AlertEpisode episode, String key, String[] summary, Collector<Alert> out) throws Exception {
        episodes.save(episode);
        alerts.inc();
        out.collect(episodes.alert(episode, key, AlertEpisodes.fields(summaryFields, summary)));
    }

    /** Clears the group-wide state (episodes, clock) once the group's cleanup time came. */
    protected void clearGroup() throws Exception {
        episodes.clear();
        clock.clear();
    }
}
