package io.vigil.detection.runtime;

import io.vigil.detection.alert.Alert;
import java.io.Serializable;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The logic of one rule kind for one group, written for inputs in event-time order
 * ({@link RuleInput#ORDER}) and nothing else: {@link OrderedRuleFunction} guarantees that order,
 * evaluating a group's recent history again when an input arrives out of it. Because the logic
 * only ever sees sorted inputs, its alerts are a function of the inputs, whatever order Kafka
 * partitions delivered them in.
 *
 * <p>A machine keeps all it knows in its state object (a Flink POJO): the operator stores it,
 * copies it as snapshots of the history, and restarts evaluation from one.
 *
 * @param <S> the state of one group
 */
interface GroupMachine<S extends MachineState> extends Serializable {
    TypeInformation<S> stateType();

    /** The state of a group before its first input. */
    S start();

    /** The next input in event-time order; alerts it opens or changes go to {@code out}. */
    void accept(S state, RuleInput input, String groupKey, Consumer<Alert> out);

    /**
     * Event time reached {@code time} (the watermark): what was waiting for the end of a window
     * is decided. Only kinds that judge at window end do anything here; they return whether
     * something was decided, which makes later inputs before {@code time} out of order.
     */
    default boolean advance(S state, long time, String groupKey, Consumer<Alert> out) {
        return false;
    }

    /** The event time at which {@link #advance} would decide something, or MIN_VALUE. */
    default long deadline(S state) {
        return Long.MIN_VALUE;
    }

    /** The event time from which the state may be dropped if nothing else arrives, or MIN_VALUE when empty. */
    long idleFrom(S state);

    /** Releases what the machine holds outside its state (the operator closes). */
    default void close() {}

    /** The open alert as the state holds it (null without one), to restore it when a later evaluation no longer changes it. */
    Alert current(S state, String groupKey);
}
