package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import io.vigil.detection.rule.ThresholdSpec;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A {@code threshold} rule for one group: {@code field > value} (or >=, <, <=) held for N
 * consecutive samples and/or for a duration. The alert goes out with the sample that completes
 * the evidence; every further sample of the same run extends it. A run held for hours costs
 * constant state: it is summarized ({@link Run}), its samples are not kept.
 */
final class ThresholdMachine implements GroupMachine<ThresholdState> {
    private static final long serialVersionUID = 1L;
    private final ThresholdSpec spec;
    private final long holdFor;
    private final long maxGap;
    private final Episodes episodes;

    ThresholdMachine(Rule rule) {
        this.spec = rule.threshold();
        this.holdFor = spec.holdFor().toMillis();
        this.maxGap = spec.maxGap().toMillis();
        this.episodes = new Episodes(rule);
    }

    @Override
    public TypeInformation<ThresholdState> stateType() {
        return TypeInformation.of(ThresholdState.class);
    }

    @Override
    public ThresholdState start() {
        return new ThresholdState();
    }

    @Override
    public void accept(ThresholdState state, RuleInput input, String groupKey, Consumer<Alert> out) {
        boolean hit = spec.holds(input.number);
        state.run = Run.fold(state.run, input, hit, maxGap);
        Run run = state.run;
        if (run == null || run.samples < spec.samples() || run.last - run.start < holdFor) {
            return;
        }
        if (state.reportedRun != run.start) {
            // the run qualifies now: everything it holds becomes evidence at once
            if (!episodes.covers(state.episode, run.start) && !episodes.covers(state.episode, run.last)) {
                state.episode = episodes.start(groupKey, run.start, run.host);
            }
            AlertEpisode episode = state.episode;
            episode.count += run.samples;
            episode.firstSeen = Math.min(episode.firstSeen, run.start);
            episode.lastSeen = Math.max(episode.lastSeen, run.last);
            episode.severity = Math.max(episode.severity, run.severity);
            for (String id : run.ids) {
                if (episode.eventIds.size() < Alert.MAX_EVENT_IDS && !episode.eventIds.contains(id)) {
                    episode.eventIds.add(id);
                }
            }
            Episodes.addHost(episode, run.host);
            episode.max = Math.max(episode.max, run.max);
            episode.min = Math.min(episode.min, run.min);
            state.reportedRun = run.start;
        } else {
            Episodes.add(state.episode, Evidence.of(input));
            state.episode.max = Math.max(state.episode.max, input.number);
            state.episode.min = Math.min(state.episode.min, input.number);
        }
        state.episode.summary = input.summary;
        out.accept(episodes.alert(state.episode, groupKey));
    }

    @Override
    public long idleFrom(ThresholdState state) {
        long idle = state.run == null ? state.newest : state.run.last + maxGap;
        return state.episode == null ? idle : Math.max(idle, state.episode.lastSeen + episodes.suppress());
    }

    @Override
    public Alert current(ThresholdState state, String groupKey) {
        return state.episode == null ? null : episodes.alert(state.episode, groupKey);
    }
}
