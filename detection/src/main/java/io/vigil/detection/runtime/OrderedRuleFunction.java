package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import io.vigil.detection.rule.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Every stateful rule's keyed operator: it feeds a group's inputs to the rule's
 * {@link GroupMachine} in event-time order, whatever order they arrive in, so the alerts are a
 * function of the events alone: the same for any number of Kafka partitions, any spread of a
 * host's records over them, any delay of one partition against another up to the reorder
 * window, any parallelism, and across restarts.
 *
 * <p>How: an input that comes after everything the group has seen is evaluated at once (the fast
 * path: an attack alerts with the event that completes it, without waiting for a watermark). An
 * input that belongs before some of them is put in its place in the group's <em>history</em>, and
 * the history from that place on is evaluated again, starting from a copy of the machine's state
 * taken just before it (a snapshot every {@value #SNAPSHOT_EVERY} inputs). What the second
 * evaluation says replaces what the first said: alerts that changed are emitted again (the sink
 * upserts by id), and alerts it no longer raises are withdrawn. Inputs stay in the history until
 * they are final: at least the reorder window after they arrived, and once the watermark passed
 * them (so a record dated in the future never makes real events look late). Final inputs are folded
 * into the group's settled state; an input that belongs before a final one cannot be placed any
 * more and goes to {@link LateEvents#TAG}.
 *
 * <p>A group whose logs arrive hours late is not late here: its inputs simply are the newest
 * the group has seen, evaluated on its own timeline. Idle groups disappear: once nothing is
 * waiting and event time passed the point from which the machine's state holds nothing
 * ({@link GroupMachine#idleFrom}), all of the group's state is cleared.
 *
 * @param <S> the machine's state
 */
public class OrderedRuleFunction<S extends MachineState> extends KeyedProcessFunction<String, RuleInput, Alert>
        implements CheckpointedFunction {
    /** Inputs between two snapshots of the machine's state: what a re-evaluation may replay in vain. */
    static final int SNAPSHOT_EVERY = 64;

    private static final long serialVersionUID = 1L;

    private final Rule rule;
    private final GroupMachine<S> machine;
    private final long reorderWindow;
    private final int historyCap;

    private transient ValueState<GroupState<S>> group;
    /** The previous version's states, while a restored job may still hold groups in them; else null. */
    private transient StateLayoutV1<S> previous;

    private transient TypeSerializer<S> stateSerializer;
    private transient HeldInputs held;
    private transient Counter alerts;
    private transient Counter reevaluations;
    private transient Counter withdrawals;

    public OrderedRuleFunction(Rule rule, GroupMachine<S> machine, DetectionSettings settings) {
        this.rule = rule;
        this.machine = machine;
        this.reorderWindow = settings.reorderWindow().toMillis();
        this.historyCap = settings.historyCap();
    }

    /** The operator for one rule, with the machine of its kind. */
    public static OrderedRuleFunction<?> of(Rule rule, DetectionSettings settings) {
        return switch (rule.kind()) {
            case MATCH -> new OrderedRuleFunction<>(rule, new MatchMachine(rule), settings);
            case COUNT ->
                rule.count().decidedAtWindowEnd()
                        ? new OrderedRuleFunction<>(rule, new ClosedWindowMachine(rule), settings)
                        : new OrderedRuleFunction<>(rule, new CountMachine(rule), settings);
            case THRESHOLD -> new OrderedRuleFunction<>(rule, new ThresholdMachine(rule), settings);
            case SEQUENCE -> new OrderedRuleFunction<>(rule, new SequenceMachine(rule), settings);
        };
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        if (context.isRestored()) {
            previous = new StateLayoutV1<>(context.getKeyedStateStore(), machine.stateType());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // keyed state only: Flink snapshots it
    }

    @Override
    public void open(Configuration parameters) {
        TypeInformation<S> stateType = machine.stateType();
        group = getRuntimeContext().getState(groupDescriptor());
        stateSerializer = getRuntimeContext().createSerializer(stateType);
        held = new HeldInputs();
        alerts = RuleMetrics.alerts(getRuntimeContext(), rule);
        var metrics = getRuntimeContext().getMetricGroup().addGroup("vigil").addGroup("detection");
        reevaluations = metrics.counter("reevaluations");
        withdrawals = metrics.counter("withdrawn");
    }

    /** The one state of a group. */
    ValueStateDescriptor<GroupState<S>> groupDescriptor() {
        return new ValueStateDescriptor<>("ordered-group", GroupState.typeOf(machine.stateType()));
    }

    @Override
    public void close() {
        machine.close();
    }

    /** The current group's state, taken over from the previous layout if it is there; null when none. */
    private GroupState<S> current() throws Exception {
        GroupState<S> g = group.value();
        if (g == null && previous != null) {
            g = previous.takeOver();
            if (g != null) {
                group.update(g);
            }
        }
        return g;
    }

    @Override
    public void processElement(RuleInput input, Context ctx, Collector<Alert> out) throws Exception {
        input.arrival = ctx.timerService().currentProcessingTime();
        GroupState<S> g = current();
        if (g == null) {
            g = new GroupState<>();
        } else if (g.settled != null && g.settled.isAtOrAfter(input)) {
            ctx.output(LateEvents.TAG, input);
            return;
        }
        String key = ctx.getCurrentKey();
        List<RuleInput> inputs = g.history;
        S state = g.live;
        if (state == null) {
            state = g.settled == null ? machine.start() : copy(g.settled);
        }
        int at = position(inputs, input);
        if (at < 0) {
            return; // the same event again (a replayed record): already in its place
        }
        held.share(input, inputs);
        if (at == inputs.size() && input.timestamp > state.advancedTo) {
            inputs.add(input);
            Emissions emissions = new Emissions(state);
            state.mark(input);
            machine.accept(state, input, key, emissions);
            g.live = state;
            // Snapshots hold what the inputs alone make of the state: none after a watermark decided something.
            if (inputs.size() % SNAPSHOT_EVERY == 0 && state.advancedTo == Long.MIN_VALUE) {
                if (g.snapshots == null) {
                    g.snapshots = new ArrayList<>();
                }
                g.snapshots.add(copy(state));
            }
            publish(g, emissions.alerts, key, out);
        } else {
            inputs.add(at, input);
            reevaluate(g, input, key, ctx.timerService().currentWatermark(), out);
        }
        if (inputs.size() > historyCap) {
            settle(g, Long.MAX_VALUE, Long.MAX_VALUE, inputs.size() - historyCap);
        }
        scheduleSettle(ctx, g);
        scheduleWake(ctx, g);
        group.update(g);
    }

    /**
     * Evaluates the history again from the newest snapshot before {@code from} (which was just
     * inserted), and publishes the difference to what the previous evaluation emitted.
     */
    private void reevaluate(GroupState<S> g, RuleInput from, String key, long watermark, Collector<Alert> out)
            throws Exception {
        reevaluations.inc();
        List<S> snaps = orEmpty(g.snapshots);
        while (!snaps.isEmpty() && snaps.get(snaps.size() - 1).isAtOrAfter(from)) {
            snaps.remove(snaps.size() - 1);
        }
        S base = snaps.isEmpty() ? g.settled : snaps.get(snaps.size() - 1);
        S state = base == null ? machine.start() : copy(base);
        MachineState start = new MachineState();
        start.atTime = state.atTime;
        start.atContent = state.atContent;
        start.atId = state.atId;

        Emissions emissions = new Emissions(state);
        Alert open = machine.current(state, key);
        if (open != null) {
            emissions.accept(open); // unless a replayed input changes it again, the open alert is as it was here
        }
        int replayed = 0;
        for (RuleInput input : g.history) {
            if (base != null && base.isAtOrAfter(input)) {
                continue;
            }
            state.mark(input);
            machine.accept(state, input, key, emissions);
            if (++replayed % SNAPSHOT_EVERY == 0) {
                snaps.add(copy(state));
            }
        }
        state.advancedTo = Long.MIN_VALUE;
        if (watermark > Long.MIN_VALUE && machine.advance(state, watermark, key, emissions)) {
            state.advancedTo = watermark;
        }
        // Alerts the earlier evaluation produced from the replayed inputs, which this one no longer raises.
        if (g.emitted != null) {
            List<String> gone = new ArrayList<>();
            for (Map.Entry<String, Emitted> entry : g.emitted.entrySet()) {
                if (entry.getValue().producedAfter(start) && !emissions.alerts.containsKey(entry.getKey())) {
                    gone.add(entry.getKey());
                }
            }
            for (String id : gone) {
                g.emitted.remove(id);
                withdrawals.inc();
                out.collect(Alert.withdrawal(id, rule.id(), key));
            }
        }
        publish(g, emissions.alerts, key, out);
        g.snapshots = snaps.isEmpty() ? null : snaps;
        g.live = state;
    }

    /** Emits the alerts whose content differs from what was last emitted under their id. */
    private void publish(GroupState<S> g, Map<String, Produced> produced, String key, Collector<Alert> out) {
        for (Produced p : produced.values()) {
            long fingerprint = p.alert.fingerprint();
            Emitted before = g.emitted == null ? null : g.emitted.get(p.alert.id);
            if (before == null || before.fingerprint != fingerprint) {
                if (g.emitted == null) {
                    g.emitted = new HashMap<>();
                }
                g.emitted.put(p.alert.id, p.emitted(fingerprint));
                alerts.inc();
                out.collect(p.alert);
            }
        }
        if (g.emitted != null && g.emitted.isEmpty()) {
            g.emitted = null;
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        GroupState<S> g = current();
        if (g == null) {
            return; // a timer of a group already cleared
        }
        String key = ctx.getCurrentKey();
        if (ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.PROCESSING_TIME) {
            g.settleTimer = GroupState.NO_TIMER;
            settle(g, timestamp, ctx.timerService().currentWatermark(), 0);
            scheduleSettle(ctx, g);
            scheduleWake(ctx, g);
            group.update(g);
            return;
        }
        g.wakeTimer = GroupState.NO_TIMER;
        long watermark = ctx.timerService().currentWatermark();
        S state = g.live;
        if (state != null && machine.deadline(state) != Long.MIN_VALUE && machine.deadline(state) <= watermark) {
            Emissions emissions = new Emissions(state);
            if (machine.advance(state, watermark, key, emissions)) {
                state.advancedTo = watermark;
            }
            publish(g, emissions.alerts, key, out);
        }
        if (g.history.isEmpty()
                && state != null
                && machine.idleFrom(state) <= watermark
                && machine.deadline(state) == Long.MIN_VALUE) {
            clearGroup(ctx, g);
            return;
        }
        scheduleWake(ctx, g);
        group.update(g);
    }

    /**
     * Folds the final inputs at the front of the history into the settled state: those that
     * arrived at least the reorder window before {@code now} and that the watermark passed; at
     * least {@code atLeast} of them whatever their time (the history cap). The settled state is
     * what the inputs alone make of it, replayed from the newest snapshot among the final inputs.
     */
    private void settle(GroupState<S> g, long now, long watermark, int atLeast) throws Exception {
        List<RuleInput> inputs = g.history;
        int finalCount = 0;
        while (finalCount < inputs.size()) {
            RuleInput input = inputs.get(finalCount);
            boolean isFinal =
                    finalCount < atLeast || input.arrival <= now - reorderWindow && input.timestamp <= watermark;
            if (!isFinal) {
                break;
            }
            finalCount++;
        }
        if (finalCount == 0) {
            return;
        }
        RuleInput lastFinal = inputs.get(finalCount - 1);
        List<S> snaps = orEmpty(g.snapshots);
        S base = g.settled;
        int used = 0;
        while (used < snaps.size() && snaps.get(used).compareTo(lastFinal) <= 0) {
            base = snaps.get(used++);
        }
        snaps.subList(0, used).clear();
        S state = base == null ? machine.start() : copy(base);
        Emissions discarded = new Emissions(state);
        for (int i = 0; i < finalCount; i++) {
            RuleInput input = inputs.get(i);
            if (base == null || !base.isAtOrAfter(input)) {
                state.mark(input);
                machine.accept(state, input, "", discarded);
            }
        }
        inputs.subList(0, finalCount).clear();
        g.settled = state;
        g.snapshots = snaps.isEmpty() ? null : snaps;
        // Alerts produced by final inputs can no longer be withdrawn or changed by them: forget them.
        if (g.emitted != null) {
            g.emitted.values().removeIf(e -> !e.producedAfter(state));
            if (g.emitted.isEmpty()) {
                g.emitted = null;
            }
        }
    }

    private void scheduleSettle(Context ctx, GroupState<S> g) {
        if (g.history.isEmpty() || g.settleTimer != GroupState.NO_TIMER) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (RuleInput input : g.history) {
            oldest = Math.min(oldest, input.arrival);
        }
        long at = Math.max(
                oldest + reorderWindow, ctx.timerService().currentProcessingTime() + Math.max(1, reorderWindow / 4));
        ctx.timerService().registerProcessingTimeTimer(at);
        g.settleTimer = at;
    }

    /**
     * One event-time timer per group: the machine's next deadline; else, once nothing waits in
     * the history, when the group may be cleared (while inputs wait, settling schedules it).
     */
    private void scheduleWake(Context ctx, GroupState<S> g) {
        S state = g.live;
        if (state == null) {
            return;
        }
        long at = machine.deadline(state);
        if (at == Long.MIN_VALUE) {
            if (!g.history.isEmpty()) {
                return;
            }
            at = Math.max(machine.idleFrom(state), state.newest);
        }
        at = Math.max(at, ctx.timerService().currentWatermark() + 1);
        if (g.wakeTimer == at) {
            return;
        }
        if (g.wakeTimer != GroupState.NO_TIMER) {
            ctx.timerService().deleteEventTimeTimer(g.wakeTimer);
        }
        ctx.timerService().registerEventTimeTimer(at);
        g.wakeTimer = at;
    }

    private void clearGroup(OnTimerContext ctx, GroupState<S> g) {
        if (g.settleTimer != GroupState.NO_TIMER) {
            ctx.timerService().deleteProcessingTimeTimer(g.settleTimer);
        }
        group.clear();
    }

    /** Where {@code input} goes in the sorted history, or -1 when it is already there. */
    private static int position(List<RuleInput> inputs, RuleInput input) {
        int low = 0;
        int high = inputs.size() - 1;
        if (high < 0 || RuleInput.ORDER.compare(inputs.get(high), input) < 0) {
            return inputs.size(); // the common case, an input after all others: no search
        }
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = RuleInput.ORDER.compare(inputs.get(mid), input);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return -1;
            }
        }
        return low;
    }

    private S copy(S state) {
        return stateSerializer.copy(state);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? new ArrayList<>() : list;
    }

    /** An alert as evaluated, with the input whose evaluation produced it. */
    private record Produced(Alert alert, long atTime, long atContent, String atId) {
        Emitted emitted(long fingerprint) {
            Emitted e = new Emitted();
            e.fingerprint = fingerprint;
            e.atTime = atTime;
            e.atContent = atContent;
            e.atId = atId;
            return e;
        }
    }

    /** The last version of each alert one evaluation produced. */
    private final class Emissions implements Consumer<Alert> {
        final Map<String, Produced> alerts = new LinkedHashMap<>();
        private final MachineState state;

        Emissions(MachineState state) {
            this.state = state;
        }

        @Override
        public void accept(Alert alert) {
            alerts.put(alert.id, new Produced(alert, state.atTime, state.atContent, state.atId));
        }
    }
}
