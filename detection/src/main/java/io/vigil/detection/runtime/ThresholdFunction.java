package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.ThresholdSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.Collector;

/**
 * A {@code threshold} rule for one group: {@code field > value} (or >=, <, <=) held for N
 * consecutive samples and/or for a duration. The alert goes out with the sample that completes
 * the evidence; every further sample of the same run extends it.
 *
 * <p>Samples younger than the allowed lateness wait in a short sorted list (so an out-of-order
 * sample still takes its place); older ones are folded into a summary of the current run, so
 * a run held for hours costs constant state.
 */
public class ThresholdFunction extends GroupRuleFunction {
    private static final long serialVersionUID = 1L;

    private final long holdFor;
    private final long maxGap;
    private final long retention;

    private transient ListState<Sample> pending;
    private transient ValueState<Run> settled;
    private transient ValueState<Long> reportedRunStart;
    private transient ValueState<Long> reportedThrough;

    public ThresholdFunction(Rule rule, DetectionSettings settings) {
        super(rule, settings);
        ThresholdSpec spec = rule.threshold();
        this.holdFor = spec.holdFor().toMillis();
        this.maxGap = spec.maxGap().toMillis();
        this.retention = Math.max(Math.max(maxGap, holdFor), rule.suppress().toMillis()) + lateness;
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        super.open(parameters);
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("threshold-pending", Sample.class));
        settled = getRuntimeContext().getState(new ValueStateDescriptor<>("threshold-run", Run.class));
        reportedRunStart = getRuntimeContext().getState(new ValueStateDescriptor<>("threshold-reported-run", Long.class));
        reportedThrough = getRuntimeContext().getState(new ValueStateDescriptor<>("threshold-reported-through", Long.class));
    }

    @Override
    public void processElement(RuleInput event, Context ctx, Collector<Alert> out) throws Exception {
        ThresholdSpec spec = rule.threshold();
        double value = event.number;
        if (late(event, ctx)) {
            return;
        }
        Sample sample = new Sample();
        sample.timestamp = event.timestamp;
        sample.id = event.id;
        sample.host = event.host;
        sample.value = value;
        sample.hit = spec.holds(value);
        sample.severity = event.severity;

        List<Sample> samples = new ArrayList<>();
        for (Sample s : pending.get()) {
            samples.add(s);
        }
        int at = samples.size();
        while (at > 0 && samples.get(at - 1).timestamp > sample.timestamp) {
            at--;
        }
        samples.add(at, sample);

        // Samples past the allowed lateness can no longer be overtaken: fold them into the run.
        Run run = settled.value();
        long cutoff = clock.newest() - lateness;
        while (!samples.isEmpty() && samples.get(0).timestamp < cutoff) {
            run = Run.fold(run, samples.remove(0), maxGap);
        }
        settled.update(run);
        pending.update(samples);

        Run current = run == null ? null : run.copy();
        for (Sample s : samples) {
            current = Run.fold(current, s, maxGap);
        }
        if (current != null && current.samples >= spec.samples() && current.last - current.start >= holdFor) {
            report(current, samples, ctx.getCurrentKey(), event, out);
        }
        clock.scheduleCleanup(ctx.timerService(), retention);
    }

    /** Opens or extends the alert with the part of the qualifying run not reported yet. */
    private void report(Run current, List<Sample> samples, String key, RuleInput event, Collector<Alert> out) throws Exception {
        Long runStart = reportedRunStart.value();
        Long through = reportedThrough.value();
        AlertEpisode episode = episodes.current();
        boolean changed = false;
        if (runStart == null || runStart != current.start) {
            if (!episodes.covers(episode, current.start) && !episodes.covers(episode, current.last)) {
                Evidence first = new Evidence();
                first.timestamp = current.start;
                first.host = current.host;
                episode = episodes.start(key, first);
            }
            episode.count += current.samples;
            episode.firstSeen = Math.min(episode.firstSeen, current.start);
            episode.lastSeen = Math.max(episode.lastSeen, current.last);
            episode.severity = Math.max(episode.severity, current.severity);
            for (String id : current.ids) {
                if (episode.eventIds.size() < Alert.MAX_EVENT_IDS && !episode.eventIds.contains(id)) {
                    episode.eventIds.add(id);
                }
            }
            episode.max = Math.max(episode.max, current.max);
            episode.min = Math.min(episode.min, current.min);
            changed = true;
        } else {
            for (Sample s : samples) {
                if (s.hit && s.timestamp > through && s.timestamp >= current.start) {
                    Evidence e = new Evidence();
                    e.timestamp = s.timestamp;
                    e.id = s.id;
                    e.host = s.host;
                    e.severity = s.severity;
                    AlertEpisodes.add(episode, e);
                    episode.max = Math.max(episode.max, s.value);
                    episode.min = Math.min(episode.min, s.value);
                    changed = true;
                }
            }
        }
        reportedRunStart.update(current.start);
        reportedThrough.update(current.last);
        if (changed) {
            emit(episode, key, event.summary, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        if (clock.isCleanup(timestamp)) {
            pending.clear();
            settled.clear();
            reportedRunStart.clear();
            reportedThrough.clear();
            clearGroup();
        }
    }
}
