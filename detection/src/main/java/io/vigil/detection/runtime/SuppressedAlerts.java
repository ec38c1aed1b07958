package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns the hits of a {@code match} or {@code sequence} rule into alerts, keyed by group: the
 * first hit opens an alert at once; hits within {@code suppress} of it extend it. A hit older
 * than the open alert (a late host's backlog) raises its own alert without disturbing the
 * open one.
 */
public class SuppressedAlerts extends KeyedProcessFunction<String, Hit, Alert> {
    private static final long serialVersionUID = 1L;

    private final Rule rule;
    private final long retention;
    private final java.util.List<String> summaryFields;

    private transient AlertEpisodes episodes;
    private transient GroupClock clock;
    private transient Counter alerts;

    public SuppressedAlerts(Rule rule, DetectionSettings settings) {
        this.rule = rule;
        this.retention = rule.suppress().toMillis() + settings.allowedLateness().toMillis();
        this.summaryFields = RuleProjection.summaryFields(rule);
    }

    @Override
    public void open(Configuration parameters) {
        episodes = new AlertEpisodes(rule, getRuntimeContext());
        clock = new GroupClock(getRuntimeContext());
        alerts = RuleMetrics.alerts(getRuntimeContext(), rule);
    }

    @Override
    public void processElement(Hit hit, Context ctx, Collector<Alert> out) throws Exception {
        String key = ctx.getCurrentKey();
        AlertEpisode episode = episodes.current();
        boolean keep = true;
        if (!episodes.covers(episode, hit.first()) && !episodes.covers(episode, hit.last())) {
            keep = episode == null || hit.first() > episode.lastSeen;
            episode = episodes.start(key, hit.evidence[0]);
        }
        for (Evidence evidence : hit.evidence) {
            AlertEpisodes.add(episode, evidence);
        }
        if (keep) {
            episodes.save(episode);
        }
        clock.observe(hit.last());
        clock.scheduleCleanup(ctx.timerService(), retention);
        alerts.inc();
        out.collect(episodes.alert(episode, key, AlertEpisodes.fields(summaryFields, hit.summary)));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        if (clock.isCleanup(timestamp)) {
            episodes.clear();
            clock.clear();
        }
    }
}
