package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A {@code match} rule for one group: every matching event is evidence; the first opens an alert
 * at once, later ones within {@code suppress} extend it.
 */
final class MatchMachine implements GroupMachine<MachineState> {
    private static final long serialVersionUID = 1L;
    private final Episodes episodes;

    MatchMachine(Rule rule) {
        this.episodes = new Episodes(rule);
    }

    @Override
    public TypeInformation<MachineState> stateType() {
        return TypeInformation.of(MachineState.class);
    }

    @Override
    public MachineState start() {
        return new MachineState();
    }

    @Override
    public void accept(MachineState state, RuleInput input, String groupKey, Consumer<Alert> out) {
        if (!episodes.covers(state.episode, input.timestamp)) {
            state.episode = episodes.start(groupKey, input.timestamp, input.host);
        }
        Episodes.add(state.episode, Evidence.of(input));
        state.episode.summary = input.summary;
        out.accept(episodes.alert(state.episode, groupKey));
    }

    @Override
    public long idleFrom(MachineState state) {
        return state.episode == null ? Long.MIN_VALUE : state.episode.lastSeen + episodes.suppress();
    }

    @Override
    public Alert current(MachineState state, String groupKey) {
        return state.episode == null ? null : episodes.alert(state.episode, groupKey);
    }
}
