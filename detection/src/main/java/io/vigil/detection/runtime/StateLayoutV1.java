package io.vigil.detection.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;

/**
 * The rule operators' state as versions up to fcb70f1 wrote it: seven states per group. A job
 * restored from such a checkpoint or savepoint takes each group over into one {@link GroupState}
 * the first time the group is touched, and clears what it took, so a group cleared later cannot
 * come back from here. Only registered when the operator restores (PreviousStateLayoutTest holds
 * files written by that layout).
 */
final class StateLayoutV1<S extends MachineState> {
    private final ValueState<List<RuleInput>> history;
    private final ValueState<S> settled;
    private final ValueState<List<S>> snapshots;
    private final ValueState<S> live;
    private final MapState<String, Emitted> emitted;
    private final ValueState<Long> settleTimer;
    private final ValueState<Long> wakeTimer;

    StateLayoutV1(KeyedStateStore store, TypeInformation<S> stateType) {
        history = store.getState(new ValueStateDescriptor<>("ordered-history", new ListTypeInfo<>(RuleInput.class)));
        settled = store.getState(new ValueStateDescriptor<>("ordered-settled", stateType));
        snapshots = store.getState(new ValueStateDescriptor<>("ordered-snapshots", new ListTypeInfo<>(stateType)));
        live = store.getState(new ValueStateDescriptor<>("ordered-live", stateType));
        emitted = store.getMapState(
                new MapStateDescriptor<>("ordered-emitted", Types.STRING, TypeInformation.of(Emitted.class)));
        settleTimer = store.getState(new ValueStateDescriptor<>("ordered-settle-timer", Types.LONG));
        wakeTimer = store.getState(new ValueStateDescriptor<>("ordered-wake-timer", Types.LONG));
    }

    /**
     * The current group's state in this layout as one value, cleared here; null when the layout
     * holds nothing of the group. Its timers stay registered: the value names them.
     */
    GroupState<S> takeOver() throws Exception {
        GroupState<S> group = new GroupState<>();
        group.live = live.value();
        group.settled = settled.value();
        List<RuleInput> inputs = history.value();
        if (group.live == null && group.settled == null && inputs == null) {
            return null;
        }
        group.history = inputs == null ? new ArrayList<>(2) : inputs;
        List<S> snaps = snapshots.value();
        group.snapshots = snaps == null || snaps.isEmpty() ? null : snaps;
        Map<String, Emitted> alerts = new HashMap<>();
        for (Map.Entry<String, Emitted> entry : emitted.entries()) {
            alerts.put(entry.getKey(), entry.getValue());
        }
        group.emitted = alerts.isEmpty() ? null : alerts;
        Long settle = settleTimer.value();
        group.settleTimer = settle == null ? GroupState.NO_TIMER : settle;
        Long wake = wakeTimer.value();
        group.wakeTimer = wake == null ? GroupState.NO_TIMER : wake;
        history.clear();
        settled.clear();
        snapshots.clear();
        live.clear();
        emitted.clear();
        settleTimer.clear();
        wakeTimer.clear();
        return group;
    }
}
